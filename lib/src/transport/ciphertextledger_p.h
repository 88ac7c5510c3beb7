// CiphertextLedger: what the engines that encrypt (TlsEngine, DtlsEngine)
// owe their receiver: the plaintext of a write counts as written once all of
// the ciphertext it became has gone out. Ciphertext of their own (a
// handshake, a close_notify) stands for no plaintext.
#pragma once

#include <QtCore/QtGlobal>

#include <deque>

namespace EasyNet {

class CiphertextLedger
{
public:
    void add(qint64 ciphertext, qint64 plaintext) { m_entries.push_back({ciphertext, plaintext}); }
    // Takes back the last add(), whose bytes the engine below refused.
    void removeLast() { m_entries.pop_back(); }
    void clear() { m_entries.clear(); }

    // bytes of ciphertext went out: the plaintext bytes that are now written.
    qint64 written(qint64 bytes)
    {
        qint64 plaintext = 0;
        while (bytes > 0 && !m_entries.empty()) {
            Entry &front = m_entries.front();
            const qint64 taken = qMin(front.ciphertext, bytes);
            front.ciphertext -= taken;
            bytes -= taken;
            if (front.ciphertext == 0) {
                plaintext += front.plaintext;
                m_entries.pop_front();
            }
        }
        return plaintext;
    }

private:
    struct Entry
    {
        qint64 ciphertext;
        qint64 plaintext;
    };
    std::deque<Entry> m_entries;
};

} // namespace EasyNet
