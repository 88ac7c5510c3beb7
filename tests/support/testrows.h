// The rows of a QtTest _data() function written as one table.
#pragma once

#include <QtTest/QTest>

#include <initializer_list>
#include <tuple>

namespace EasyNetTest {

// A column per name in columns, of the types Values in that order, and a row
// per {name, values...}: addRows<QString, int>({"text", "size"}, {{"empty", "", 0}}).
template<typename... Values>
void addRows(std::initializer_list<const char *> columns,
             std::initializer_list<std::tuple<const char *, Values...>> rows)
{
    Q_ASSERT(columns.size() == sizeof...(Values));
    auto column = columns.begin();
    (QTest::addColumn<Values>(*column++), ...);
    for (const auto &row : rows)
        std::apply([](const char *name,
                      const Values &...values) { (QTest::newRow(name) << ... << values); },
                   row);
}

} // namespace EasyNetTest
