#include "ruleeditordialog.h"

#include "consolesession.h"
#include "rulemodel.h"

#include <QtCore/QScopedValueRollback>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QTableView>
#include <QtWidgets/QVBoxLayout>

namespace EasyNetConsole {

namespace {

QPushButton *button(const QString &text, const char *name)
{
    auto *b = new QPushButton(text);
    b->setObjectName(QLatin1String(name));
    return b;
}

// The rule's replies as the model gives them: {mode, text} maps.
QVariantList repliesOf(const RuleModel *model, int row)
{
    return model->data(model->index(row, 0), RuleModel::RepliesRole).toList();
}

} // namespace

RuleEditorDialog::RuleEditorDialog(ConsoleSession *session, QWidget *parent)
    : QDialog(parent), m_session(session), m_model(session->rules())
{
    setWindowTitle(tr("Rule server"));
    setObjectName(QStringLiteral("ruleEditor"));

    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("ruleTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(RuleModel::PatternColumn,
                                                      QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(RuleModel::ProblemColumn,
                                                      QHeaderView::Interactive);

    QPushButton *add = button(tr("&Add"), "addRuleButton");
    QPushButton *remove = button(tr("&Remove"), "removeRuleButton");
    QPushButton *up = button(tr("&Up"), "ruleUpButton");
    QPushButton *down = button(tr("&Down"), "ruleDownButton");
    auto *tableButtons = new QVBoxLayout;
    for (QPushButton *b : {add, remove, up, down})
        tableButtons->addWidget(b);
    tableButtons->addStretch();
    auto *tableRow = new QHBoxLayout;
    tableRow->addWidget(m_table, 1);
    tableRow->addLayout(tableButtons);
    auto *top = new QWidget;
    top->setLayout(tableRow);
    tableRow->setContentsMargins(0, 0, 0, 0);

    m_form = buildRuleForm();
    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(top);
    splitter->addWidget(m_form);
    splitter->setChildrenCollapsible(false);

    m_echoUnmatched
        = new QCheckBox(tr("Echo packets no rule matches (else leave them unanswered)"));
    m_echoUnmatched->setObjectName(QStringLiteral("echoUnmatchedBox"));
    m_file = new QLabel;
    m_file->setObjectName(QStringLiteral("ruleFileLabel"));
    m_file->setWordWrap(true);
    m_file->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("ruleStatusLabel"));
    m_status->setWordWrap(true);
    QPushButton *load = button(tr("&Load…"), "loadRulesButton");
    QPushButton *save = button(tr("&Save…"), "saveRulesButton");
    m_start = button(tr("S&tart rule server"), "startRuleServerButton");
    m_start->setToolTip(tr("Serve these rules with the built-in server of the connection's "
                           "transport, and connect to it"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(load, QDialogButtonBox::ActionRole);
    buttons->addButton(save, QDialogButtonBox::ActionRole);
    buttons->addButton(m_start, QDialogButtonBox::ApplyRole);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_echoUnmatched);
    layout->addWidget(m_file);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(860, 560); // inside a 1024x640 screen, with room for its frame

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(add, &QPushButton::clicked, this, [this] { selectRow(m_model->addRule()); });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = currentRow();
        m_model->removeRule(row);
        selectRow(qMin(row, m_model->count() - 1));
    });
    connect(up, &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(down, &QPushButton::clicked, this, [this] { moveSelected(1); });
    connect(m_echoUnmatched, &QCheckBox::toggled, m_model, &RuleModel::setEchoUnmatched);
    connect(load, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Load rules"), m_model->fileName(), tr("Rule files (*.json);;All files (*)"));
        if (!path.isEmpty())
            loadFile(path);
    });
    connect(save, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save rules"), m_model->fileName(), tr("Rule files (*.json);;All files (*)"));
        if (!path.isEmpty())
            saveFile(path);
    });
    connect(m_start, &QPushButton::clicked, this, [this] {
        if (m_session->startRuleServer(m_session->settings()->transport()))
            Q_EMIT serverStarted();
        updateStatus();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RuleEditorDialog::showRule);
    connect(m_model, &RuleModel::changed, this, [this] {
        showRule();
        updateStatus();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { selectRow(0); });
    connect(m_model, &RuleModel::lastErrorChanged, this, &RuleEditorDialog::updateStatus);
    connect(m_model, &RuleModel::fileNameChanged, this, &RuleEditorDialog::updateStatus);
    selectRow(0);
    showRule();
    updateStatus();
}

QWidget *RuleEditorDialog::buildRuleForm()
{
    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("ruleNameEdit"));
    m_match = new QComboBox;
    m_match->setObjectName(QStringLiteral("ruleMatchBox"));
    m_match->addItem(tr("Regular expression over the packet's text"));
    m_match->addItem(tr("JSON path equality (PATH == VALUE)"));
    m_pattern = new QLineEdit;
    m_pattern->setObjectName(QStringLiteral("rulePatternEdit"));
    m_pattern->setPlaceholderText(tr("^PING (\\d+)$   or   $.cmd == \"ping\""));
    m_delay = new QSpinBox;
    m_delay->setObjectName(QStringLiteral("ruleDelayBox"));
    m_delay->setRange(0, ServerRule::MaxDelayMs);
    m_delay->setSuffix(tr(" ms"));
    m_delay->setSpecialValueText(tr("none"));
    m_close = new QCheckBox(tr("Close the connection after replying"));
    m_close->setObjectName(QStringLiteral("ruleCloseBox"));
    m_problem = new QLabel;
    m_problem->setObjectName(QStringLiteral("ruleProblemLabel"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #c00000"));

    auto *delayRow = new QHBoxLayout;
    delayRow->addWidget(m_delay);
    delayRow->addWidget(m_close, 1);
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Match:"), m_match);
    form->addRow(tr("&Pattern:"), m_pattern);
    form->addRow(tr("Replies:"), buildReplies());
    form->addRow(tr("Delay:"), delayRow);
    form->addRow(m_problem);
    auto *widget = new QWidget;
    widget->setLayout(form);
    form->setContentsMargins(0, 0, 0, 0);

    connect(m_name, &QLineEdit::textEdited, this,
            [this](const QString &text) { setField(RuleModel::NameRole, text); });
    connect(m_match, &QComboBox::currentIndexChanged, this,
            [this](int index) { setField(RuleModel::MatchKindRole, index); });
    connect(m_pattern, &QLineEdit::textEdited, this,
            [this](const QString &text) { setField(RuleModel::PatternRole, text); });
    connect(m_delay, &QSpinBox::valueChanged, this,
            [this](int value) { setField(RuleModel::DelayRole, value); });
    connect(m_close, &QCheckBox::toggled, this,
            [this](bool checked) { setField(RuleModel::CloseRole, checked); });
    return widget;
}

QWidget *RuleEditorDialog::buildReplies()
{
    m_replies = new QListWidget;
    m_replies->setObjectName(QStringLiteral("replyList"));
    m_replies->setMaximumHeight(80);
    m_replyMode = new QComboBox;
    m_replyMode->setObjectName(QStringLiteral("replyModeBox"));
    // In Composer::Mode's order.
    m_replyMode->addItems({tr("JSON"), tr("Text"), tr("Hex")});
    m_replyText = new QPlainTextEdit;
    m_replyText->setObjectName(QStringLiteral("replyEdit"));
    m_replyText->setMaximumHeight(70);
    m_replyText->setPlaceholderText(
        tr("{\"pong\": {{counter}}}   ({{1}}, {{name}}: the match's groups)"));
    QPushButton *addReply = button(tr("Add reply"), "addReplyButton");
    m_removeReply = button(tr("Remove reply"), "removeReplyButton");

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_replyMode);
    buttons->addWidget(addReply);
    buttons->addWidget(m_removeReply);
    buttons->addStretch();
    auto *texts = new QVBoxLayout;
    texts->addWidget(m_replies);
    texts->addWidget(m_replyText);
    auto *row = new QHBoxLayout;
    row->addLayout(texts, 1);
    row->addLayout(buttons);
    row->setContentsMargins(0, 0, 0, 0);
    auto *widget = new QWidget;
    widget->setLayout(row);

    connect(m_replies, &QListWidget::currentRowChanged, this, &RuleEditorDialog::showReply);
    connect(m_replyMode, &QComboBox::currentIndexChanged, this, &RuleEditorDialog::storeReply);
    connect(m_replyText, &QPlainTextEdit::textChanged, this, &RuleEditorDialog::storeReply);
    connect(addReply, &QPushButton::clicked, this, [this] {
        m_model->addReply(currentRow());
        m_replies->setCurrentRow(m_replies->count() - 1);
        m_replyText->setFocus();
    });
    connect(m_removeReply, &QPushButton::clicked, this, [this] {
        const int reply = m_replies->currentRow();
        m_model->removeReply(currentRow(), reply);
        m_replies->setCurrentRow(qMin(reply, m_replies->count() - 1));
    });
    return widget;
}

int RuleEditorDialog::currentRow() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void RuleEditorDialog::selectRow(int row)
{
    if (row < 0 || row >= m_model->count()) {
        showRule();
        return;
    }
    m_table->selectionModel()->setCurrentIndex(
        m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void RuleEditorDialog::setField(int role, const QVariant &value)
{
    if (!m_showing && currentRow() >= 0)
        m_model->setData(m_model->index(currentRow(), 0), value, role);
}

void RuleEditorDialog::showRule()
{
    const int row = currentRow();
    m_form->setEnabled(row >= 0);
    const QModelIndex index = m_model->index(row, 0);
    const QScopedValueRollback showing(m_showing, true);
    // Fields being typed in keep their cursor: only what differs is set.
    const auto setText = [](QLineEdit *edit, const QString &text) {
        if (edit->text() != text)
            edit->setText(text);
    };
    setText(m_name, index.data(RuleModel::NameRole).toString());
    m_match->setCurrentIndex(qMax(0, index.data(RuleModel::MatchKindRole).toInt()));
    setText(m_pattern, index.data(RuleModel::PatternRole).toString());
    m_delay->setValue(index.data(RuleModel::DelayRole).toInt());
    m_close->setChecked(index.data(RuleModel::CloseRole).toBool());
    const QString problem = index.data(RuleModel::ErrorStringRole).toString();
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());

    const QVariantList replies = row >= 0 ? repliesOf(m_model, row) : QVariantList();
    // Items are updated in place: a reply being typed in keeps its cursor.
    while (m_replies->count() > replies.size())
        delete m_replies->takeItem(m_replies->count() - 1);
    for (qsizetype i = 0; i < replies.size(); ++i) {
        const QVariantMap map = replies[i].toMap();
        const QString text = QStringLiteral("%1: %2").arg(
            m_replyMode->itemText(map.value(QStringLiteral("mode")).toInt()),
            map.value(QStringLiteral("text")).toString().simplified());
        if (i < m_replies->count())
            m_replies->item(int(i))->setText(text);
        else
            m_replies->addItem(text);
    }
    if (m_replies->currentRow() < 0 && !replies.isEmpty())
        m_replies->setCurrentRow(0);
    showReply();
}

void RuleEditorDialog::showReply()
{
    const QVariantList replies
        = currentRow() >= 0 ? repliesOf(m_model, currentRow()) : QVariantList();
    const int reply = m_replies->currentRow();
    const bool has = reply >= 0 && reply < replies.size();
    const QVariantMap map = has ? replies[reply].toMap() : QVariantMap();
    const QScopedValueRollback showing(m_showing, true);
    m_replyMode->setCurrentIndex(map.value(QStringLiteral("mode")).toInt());
    const QString text = map.value(QStringLiteral("text")).toString();
    if (m_replyText->toPlainText() != text)
        m_replyText->setPlainText(text);
    m_replyMode->setEnabled(has);
    m_replyText->setEnabled(has);
    m_removeReply->setEnabled(has);
}

void RuleEditorDialog::storeReply()
{
    if (m_showing || currentRow() < 0 || m_replies->currentRow() < 0)
        return;
    m_model->setReply(currentRow(), m_replies->currentRow(), m_replyMode->currentIndex(),
                      m_replyText->toPlainText());
}

void RuleEditorDialog::moveSelected(int by)
{
    const int row = currentRow();
    if (m_model->moveRule(row, row + by))
        selectRow(row + by);
}

bool RuleEditorDialog::loadFile(const QString &path)
{
    const bool loaded = m_model->load(path);
    updateStatus();
    return loaded;
}

bool RuleEditorDialog::saveFile(const QString &path)
{
    const bool saved = m_model->save(path);
    updateStatus();
    return saved;
}

void RuleEditorDialog::updateStatus()
{
    {
        const QSignalBlocker blocker(m_echoUnmatched);
        m_echoUnmatched->setChecked(m_model->echoUnmatched());
    }
    m_file->setText(m_model->fileName().isEmpty() ? tr("Not saved to a file")
                                                  : tr("File: %1").arg(m_model->fileName()));
    QString status = m_model->lastError();
    if (status.isEmpty())
        status = m_model->errorString();
    if (status.isEmpty() && m_session->echoServer())
        status = tr("The built-in server listens on %1.").arg(m_session->echoServer()->address());
    m_status->setText(status);
    m_status->setStyleSheet(m_model->lastError().isEmpty() && m_model->isValid()
                                ? QString()
                                : QStringLiteral("color: #c00000"));
    m_start->setEnabled(m_model->isValid());
}

} // namespace EasyNetConsole
