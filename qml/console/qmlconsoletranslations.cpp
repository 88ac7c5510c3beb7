#include "qmlconsoletranslations.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QTranslator>

#include <memory>
#include <vector>

namespace EasyNetQmlConsole {

int installTranslations(const QLocale &locale)
{
    static std::vector<std::unique_ptr<QTranslator>> installed;
    for (const std::unique_ptr<QTranslator> &translator : installed)
        QCoreApplication::removeTranslator(translator.get());
    installed.clear();
    for (const char *name : {"easynet-console", "easynet-qmlconsole"}) {
        auto translator = std::make_unique<QTranslator>();
        if (translator->load(locale, QString::fromLatin1(name), QStringLiteral("_"),
                             QStringLiteral(":/i18n"))) {
            QCoreApplication::installTranslator(translator.get());
            installed.push_back(std::move(translator));
        }
    }
    return int(installed.size());
}

} // namespace EasyNetQmlConsole
