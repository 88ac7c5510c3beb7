// A TestCase in which any warning fails the test function that printed it
// (a QML type clash, a binding error, a module's complaint), except the echo
// server's note of a TLS or DTLS handshake that the certificate tests make
// fail on purpose. A test that needs its own init() overrides initTest().
import QtTest

TestCase {
    function init() {
        failOnWarning(/^(?!D?TLS handshake with .* failed)/)
        initTest()
    }
    function initTest() { }
}
