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
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    // The system's "C", or a name QLocale does not know.
    const bool unknown = locale.language() == QLocale::C;
    if (unknown && !language.isEmpty() && language != QLatin1String("C"))
        return false;
    // English is the source language; its file holds only the plural forms,
    // which a language without a translation gets too ("1 packet", not
    // "1 packet(s)").
    const auto load = [](QTranslator &translator, const QLocale &from) {
        return translator.load(from, QStringLiteral("easynet-console"), QStringLiteral("_"),
                               QStringLiteral(":/i18n"));
    };
    auto translator = std::make_unique<QTranslator>();
    const bool translated = !unknown && load(*translator, locale);
    if (!translated && !load(*translator, QLocale(QLocale::English)))
        return false;
    QCoreApplication::installTranslator(translator.get());
    consoleTranslator() = std::move(translator);
    if (!translated)
        return language.isEmpty() || unknown;
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
