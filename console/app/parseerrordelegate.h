// ParseErrorDelegate: paints the packet log's parse-error rows red, its error
// events (a failed connection, a packet not sent) in red text and its other
// event rows grey (the model, in the non-GUI core, has no colours).
#pragma once

#include <QtWidgets/QStyledItemDelegate>

namespace EasyNetConsole {

class ParseErrorDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    static const QColor &errorBackground();
    // The text of parse errors and error events.
    static const QColor &errorText();

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace EasyNetConsole
