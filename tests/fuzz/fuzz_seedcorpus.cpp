// Writes a libFuzzer seed corpus for fuzz_streamdecoder from golden wire vectors:
//   easynet_fuzz_seedcorpus <output dir> <vectors.jsonl>...
// Each vector's wire_hex (the stream) and datagram_hex become one input each,
// behind the driver's two option bytes (a few option/chunking combinations).
#include <QtCore/QByteArray>
#include <QtCore/QCoreApplication>
#include <QtCore/QCryptographicHash>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: easynet_fuzz_seedcorpus <output dir> <vectors.jsonl>...\n");
        return 2;
    }
    QDir out(args.at(1));
    if (!out.mkpath(QStringLiteral("."))) {
        std::fprintf(stderr, "cannot create %s\n", qPrintable(args.at(1)));
        return 1;
    }
    // options byte, chunking byte: whole; byte by byte (zero-copy, end of stream);
    // odd pieces with a small packet limit and variant 1.
    const char prefixes[][2] = {{0x00, 0x00}, {0x30, 0x01}, {0x05, 0x07}};
    int written = 0;
    for (qsizetype i = 2; i < args.size(); ++i) {
        QFile file(args.at(i));
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(args.at(i)));
            return 1;
        }
        while (!file.atEnd()) {
            const QByteArray line = file.readLine().trimmed();
            if (line.isEmpty())
                continue;
            const QJsonObject vector = QJsonDocument::fromJson(line).object();
            for (const QString key : {QStringLiteral("wire_hex"), QStringLiteral("datagram_hex")}) {
                if (!vector.contains(key))
                    continue;
                const QByteArray bytes
                    = QByteArray::fromHex(vector.value(key).toString().toLatin1());
                for (const auto &prefix : prefixes) {
                    const QByteArray input = QByteArray(prefix, 2) + bytes;
                    const QString name = QString::fromLatin1(
                        QCryptographicHash::hash(input, QCryptographicHash::Sha1).toHex());
                    QFile seed(out.filePath(name));
                    if (!seed.open(QIODevice::WriteOnly) || seed.write(input) != input.size()) {
                        std::fprintf(stderr, "cannot write %s\n", qPrintable(seed.fileName()));
                        return 1;
                    }
                    ++written;
                }
            }
        }
    }
    std::printf("%d seed inputs in %s\n", written, qPrintable(out.path()));
    return 0;
}
