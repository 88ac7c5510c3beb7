// Runs every tests/qml/tst_*.qml against the QML modules EasyNet and
// EasyNet.Console, with a TestHarness as the context property "harness" of each
// test's engine.
#include "testharness.h"

#include <QtQml/QQmlContext>
#include <QtQml/QQmlEngine>
#include <QtQuickTest/quicktest.h>

class Setup : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->rootContext()->setContextProperty(QStringLiteral("harness"),
                                                  new TestHarness(engine));
    }
};

QUICK_TEST_MAIN_WITH_SETUP(easynet_qml, Setup)

#include "tst_qml.moc"
