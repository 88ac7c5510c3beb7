// Runs every tests/qml/tst_*.qml against the QML module EasyNet.
#include <QtQuickTest/quicktest.h>

QUICK_TEST_MAIN(easynet_qml)
