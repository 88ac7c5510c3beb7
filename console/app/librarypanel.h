// LibraryPanel: the packet library beside the log: a search box, the list of
// saved packets (a packet the connection's protocol cannot send is a red row,
// the reason in its tooltip and under the list), the selected packet's name
// and note, and buttons to save the composer's packet under that name, load
// the selected one into the composer, send it (or double-click it), delete
// it, and import or export a library file. The repeat controls (RepeatPanel)
// sit below.
#pragma once

#include <QtWidgets/QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
QT_END_NAMESPACE

namespace EasyNetConsole {

class ConsoleSession;
class PacketLibrary;
class PacketLibraryFilterModel;
class RepeatPanel;

class LibraryPanel : public QWidget
{
    Q_OBJECT

public:
    explicit LibraryPanel(ConsoleSession *session, QWidget *parent = nullptr);

    PacketLibrary *library() const { return m_library; }
    PacketLibraryFilterModel *found() const { return m_found; }
    QLineEdit *searchEdit() const { return m_search; }
    QListView *list() const { return m_list; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *noteEdit() const { return m_note; }
    QLabel *statusLabel() const { return m_status; }
    RepeatPanel *repeatPanel() const { return m_repeat; }

    // The library's row of the selected packet, -1 when none.
    int selectedRow() const;
    void selectRow(int libraryRow);

    // The buttons; false (with the reason under the list) when they fail.
    bool saveComposer();
    bool loadSelected();
    bool sendSelected();
    bool removeSelected();
    bool importFrom(const QString &path);
    bool exportTo(const QString &path);

private:
    void onSelection();
    // Shows the library's result of an operation under the list.
    bool report(bool ok, const QString &done);
    void showStatus(const QString &text, bool isError);

    ConsoleSession *m_session;
    PacketLibrary *m_library;
    PacketLibraryFilterModel *m_found;
    QLineEdit *m_search;
    QListView *m_list;
    QLineEdit *m_name;
    QLineEdit *m_note;
    QPushButton *m_save;
    QPushButton *m_load;
    QPushButton *m_send;
    QPushButton *m_remove;
    QLabel *m_status;
    RepeatPanel *m_repeat;
};

} // namespace EasyNetConsole
