#include "consoletranslations.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QLibraryInfo>
#include <QtCore/QLocale>
#include <QtCore/QTranslator>

#include <memory>

namespace EasyNetConsole::ConsoleTranslations {

namespace {

std::unique_ptr<QTranslator> &consoleTranslator()
{
    static std::unique_ptr<QTranslator> translator;
    return translator;
}

std::unique_ptr<QTranslator> &qtTranslator()
{
    static std::unique_ptr<QTranslator> translator;
    return translator;
}

} // namespace

QStringList available()
{
    QStringList languages;
    const QStringList files
        = QDir(QStringLiteral(":/i18n")).entryList({QStringLiteral("easynet-console_*.qm")});
    for (const QString &file : files)
        languages << file.mid(16, file.size() - 16 - 3); // "easynet-console_" ... ".qm"
    return languages;
}

bool install(const QString &language)
{
    for (auto *slot : {&consoleTranslator(), &qtTranslator()}) {
        if (*slot)
            QCoreApplication::removeTranslator(slot->get());
        slot->reset();
    }
    const QLocale requested = language.isEmpty() ? QLocale::system() : QLocale(language);
    // The system's "C" (scripts often run in it) reads English, with its plural
    // forms; a name QLocale does not know is refused.
    const bool isC = requested.language() == QLocale::C;
    if (isC && !language.isEmpty() && language != QLatin1String("C"))
        return false;
    const QLocale locale = isC ? QLocale(QLocale::English) : requested;
    // English is the source language; its file holds only the plural forms.
    auto translator = std::make_unique<QTranslator>();
    if (!translator->load(locale, QStringLiteral("easynet-console"), QStringLiteral("_"),
                          QStringLiteral(":/i18n")))
        return language.isEmpty() || locale.language() == QLocale::English;
    QCoreApplication::installTranslator(translator.get());
    consoleTranslator() = std::move(translator);
    if (locale.language() == QLocale::English)
        return true;
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        qtTranslator() = std::move(qt);
    }
    return true;
}

} // namespace EasyNetConsole::ConsoleTranslations
