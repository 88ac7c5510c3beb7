// The rows of a QtTest _data() function written as one table.
#pragma once

#include <QtTest/QTest>

#include <array>
#include <cstddef>
#include <tuple>
#include <vector>

namespace EasyNetTest {

// The rows of a table: {row name, a value a column...}.
template<typename... Values>
using DataRows = std::vector<std::tuple<const char *, Values...>>;

// One QTest column a value type, named by columns.
template<typename... Values>
void addColumns(const std::array<const char *, sizeof...(Values)> &columns)
{
    std::size_t column = 0;
    (QTest::addColumn<Values>(columns[column++]), ...);
}

// The columns (addColumns()) and a row a table entry:
// addRows<QString, int>({"text", "size"}, {{"empty", "", 0}}).
template<typename... Values>
void addRows(const std::array<const char *, sizeof...(Values)> &columns,
             const DataRows<Values...> &rows)
{
    addColumns<Values...>(columns);
    for (const auto &row : rows)
        std::apply([](const char *name,
                      const Values &...values) { (QTest::newRow(name) << ... << values); },
                   row);
}

} // namespace EasyNetTest
