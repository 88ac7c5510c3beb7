// ParseErrorDelegate: paints the packet log's parse-error rows red and its
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

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace EasyNetConsole
