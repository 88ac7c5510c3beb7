// The QML console's translations, compiled in under :/i18n: the console
// core's strings (translations/easynet-console_*.ts, shared with the Widgets
// console) and the QML console's own (translations/easynet-qmlconsole_*.ts).
#pragma once

#include <QtCore/QLocale>

namespace EasyNetQmlConsole {

// Installs those there are for locale; returns how many were found.
// Translators installed before by this function are removed first.
int installTranslations(const QLocale &locale);

} // namespace EasyNetQmlConsole
