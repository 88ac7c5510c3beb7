#include "librarypanel.h"

#include "consolesession.h"
#include "libraryerrordelegate.h"
#include "packetlibrary.h"
#include "packetlibraryfiltermodel.h"
#include "parseerrordelegate.h"
#include "repeatpanel.h"

#include <QtWidgets/QFileDialog>
#include <QtWidgets/QGridLayout>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListView>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QVBoxLayout>

namespace EasyNetConsole {

LibraryPanel::LibraryPanel(ConsoleSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_library(new PacketLibrary(this))
    , m_found(new PacketLibraryFilterModel(this))
{
    m_library->setSettings(session->settings());
    m_found->setLibrary(m_library);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("librarySearch"));
    m_search->setPlaceholderText(tr("Search names, notes and packets"));
    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search);

    m_list = new QListView;
    m_list->setObjectName(QStringLiteral("libraryList"));
    m_list->setModel(m_found);
    m_list->setItemDelegate(new LibraryErrorDelegate(m_list));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setToolTip(tr("Double-click a packet to send it"));
    layout->addWidget(m_list, 1);

    auto *fields = new QGridLayout;
    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("libraryName"));
    m_name->setPlaceholderText(tr("name"));
    m_note = new QLineEdit;
    m_note->setObjectName(QStringLiteral("libraryNote"));
    m_note->setPlaceholderText(tr("note"));
    fields->addWidget(new QLabel(tr("Name:")), 0, 0);
    fields->addWidget(m_name, 0, 1);
    fields->addWidget(new QLabel(tr("Note:")), 1, 0);
    fields->addWidget(m_note, 1, 1);
    layout->addLayout(fields);

    const auto button = [](const QString &text, const QString &name, const QString &tip) {
        auto *b = new QPushButton(text);
        b->setObjectName(name);
        b->setToolTip(tip);
        return b;
    };
    m_save = button(tr("Save"), QStringLiteral("librarySave"),
                    tr("Save the composer's packet under this name (replaces one of the same "
                       "name)"));
    m_load = button(tr("Load"), QStringLiteral("libraryLoad"),
                    tr("Put the selected packet into the composer"));
    m_send = button(tr("Send"), QStringLiteral("librarySend"), tr("Send the selected packet"));
    m_remove
        = button(tr("Delete"), QStringLiteral("libraryDelete"), tr("Delete the selected packet"));
    auto *import = button(tr("Import…"), QStringLiteral("libraryImport"),
                          tr("Add the packets of a library file (same names are replaced)"));
    auto *exportButton
        = button(tr("Export…"), QStringLiteral("libraryExport"), tr("Save the library to a file"));
    auto *buttons = new QGridLayout;
    buttons->addWidget(m_save, 0, 0);
    buttons->addWidget(m_load, 0, 1);
    buttons->addWidget(m_send, 0, 2);
    buttons->addWidget(m_remove, 1, 0);
    buttons->addWidget(import, 1, 1);
    buttons->addWidget(exportButton, 1, 2);
    layout->addLayout(buttons);

    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("libraryStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    m_repeat = new RepeatPanel(session, m_library);
    layout->addWidget(m_repeat);

    connect(m_search, &QLineEdit::textChanged, m_found, &PacketLibraryFilterModel::setText);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &LibraryPanel::onSelection);
    connect(m_library, &QAbstractItemModel::dataChanged, this, &LibraryPanel::onSelection);
    connect(m_list, &QListView::doubleClicked, this, &LibraryPanel::sendSelected);
    connect(m_save, &QPushButton::clicked, this, &LibraryPanel::saveComposer);
    connect(m_load, &QPushButton::clicked, this, &LibraryPanel::loadSelected);
    connect(m_send, &QPushButton::clicked, this, &LibraryPanel::sendSelected);
    connect(m_remove, &QPushButton::clicked, this, &LibraryPanel::removeSelected);
    connect(import, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import packets"), QString(),
                                                          tr("Packet library (*.json)"));
        if (!path.isEmpty())
            importFrom(path);
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export packets"),
                                                          QStringLiteral("packets.json"),
                                                          tr("Packet library (*.json)"));
        if (!path.isEmpty())
            exportTo(path);
    });
    // A library file that could not be read says so at once.
    if (!m_library->errorString().isEmpty())
        showStatus(m_library->errorString(), true);
    onSelection();
}

int LibraryPanel::selectedRow() const
{
    return m_found->sourceRow(m_list->currentIndex().row());
}

void LibraryPanel::selectRow(int libraryRow)
{
    m_list->setCurrentIndex(m_found->mapFromSource(m_library->index(libraryRow)));
}

void LibraryPanel::onSelection()
{
    const int row = selectedRow();
    const bool selected = row >= 0;
    m_load->setEnabled(selected);
    m_send->setEnabled(selected && m_library->isValid(row));
    m_remove->setEnabled(selected);
    m_repeat->setLibraryRow(row);
    if (!selected)
        return;
    const PacketLibrary::Packet packet = m_library->packet(row);
    m_name->setText(packet.name);
    m_note->setText(packet.note);
    if (m_library->isValid(row))
        showStatus(packet.protocol.isEmpty()
                       ? tr("%1, saved without a protocol")
                             .arg(PacketLibrary::modeName(packet.mode).toUpper())
                       : tr("%1, saved with the protocol %2")
                             .arg(PacketLibrary::modeName(packet.mode).toUpper(), packet.protocol),
                   false);
    else
        showStatus(tr("Cannot be sent with this connection's protocol: %1")
                       .arg(m_library->packetError(row)),
                   true);
}

bool LibraryPanel::report(bool ok, const QString &done)
{
    showStatus(ok ? done : m_library->errorString(), !ok);
    return ok;
}

void LibraryPanel::showStatus(const QString &text, bool isError)
{
    m_status->setText(text);
    m_status->setStyleSheet(
        isError ? QStringLiteral("color: %1").arg(ParseErrorDelegate::errorText().name())
                : QString());
}

bool LibraryPanel::saveComposer()
{
    const QString name = m_name->text().trimmed();
    if (!report(m_library->saveComposer(name, m_note->text(), m_session->composer()),
                tr("saved \"%1\"").arg(name)))
        return false;
    selectRow(m_library->indexOf(name));
    return true;
}

bool LibraryPanel::loadSelected()
{
    const int row = selectedRow();
    return report(m_library->loadIntoComposer(row, m_session->composer()),
                  tr("loaded \"%1\" into the composer").arg(m_library->packet(row).name));
}

bool LibraryPanel::sendSelected()
{
    const int row = selectedRow();
    return report(m_library->send(row, m_session),
                  tr("sent \"%1\"").arg(m_library->packet(row).name));
}

bool LibraryPanel::removeSelected()
{
    const int row = selectedRow();
    const QString name = m_library->packet(row).name;
    return report(m_library->remove(row), tr("deleted \"%1\"").arg(name));
}

bool LibraryPanel::importFrom(const QString &path)
{
    return report(m_library->importFile(path), tr("imported %1").arg(path));
}

bool LibraryPanel::exportTo(const QString &path)
{
    return report(m_library->exportFile(path), tr("exported to %1").arg(path));
}

} // namespace EasyNetConsole
