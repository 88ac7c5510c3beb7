// ConsoleTranslations: loads the console's translation (compiled in from
// translations/, under :/i18n) and Qt's own for a language ("de"), or for the
// system locale when none is given. English is the source language.
#pragma once

#include <QtCore/QString>

QT_BEGIN_NAMESPACE
class QCoreApplication;
QT_END_NAMESPACE

namespace EasyNetConsole::ConsoleTranslations {

// Installs the translators into the application (replacing earlier ones);
// false when there is no translation for an explicitly asked language.
bool install(const QString &language);

// The languages with a translation file ("de", "en": English holds the plural forms).
QStringList available();

} // namespace EasyNetConsole::ConsoleTranslations
