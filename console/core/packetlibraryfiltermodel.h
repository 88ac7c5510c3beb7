// PacketLibraryFilterModel: the packet library as the user searches it: the
// packets whose name, note or text contain the search text
// (case-insensitive); all of them when it is empty.
//
//   PacketLibraryFilterModel found;
//   found.setLibrary(&library);
//   found.setText(QStringLiteral("ping"));
//   library.send(found.sourceRow(0), &session);
#pragma once

#include <QtCore/QPointer>
#include <QtCore/QSortFilterProxyModel>

namespace EasyNetConsole {

class PacketLibrary;

class PacketLibraryFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_MOC_INCLUDE("packetlibrary.h")
    Q_PROPERTY(
        EasyNetConsole::PacketLibrary *library READ library WRITE setLibrary NOTIFY libraryChanged)
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    explicit PacketLibraryFilterModel(QObject *parent = nullptr);

    PacketLibrary *library() const;
    void setLibrary(PacketLibrary *library);
    QString text() const { return m_text; }
    void setText(const QString &text);

    int count() const { return rowCount(); }
    // The library's row of a filtered row (-1 when out of range).
    Q_INVOKABLE int sourceRow(int row) const;

Q_SIGNALS:
    void libraryChanged();
    void textChanged();
    void countChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QPointer<PacketLibrary> m_library;
    QString m_text;
};

} // namespace EasyNetConsole
