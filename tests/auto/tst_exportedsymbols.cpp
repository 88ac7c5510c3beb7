// libEasyNet exports its public API and nothing else: every symbol in the
// dynamic symbol table (nm -D --defined-only -C) that belongs to the namespace
// EasyNet must belong to a type or function that a public header defines.
// libEasyNet is built with hidden visibility, so this holds as long as no
// private class or function is marked EASYNET_EXPORT (or visibility
// "default"); any exported symbol can become ABI by accident.
//
// What a symbol belongs to: the qualified name it defines, read from the
// demangled text ("vtable for X" and the like are X's; template arguments,
// parameters and a template function's return type are not the owner).
//  - An owner EasyNet::X::... needs X defined in a public header: a class,
//    struct or enum there (not a mere forward declaration such as the
//    d-pointer's "class TcpClientPrivate;"), an EASYNET_DECLARE_EXCEPTION, an
//    EASYNET_EXPORT free function (qHash, operator<<), or the namespace's
//    staticMetaObject (Q_NAMESPACE_EXPORT). Nested names are the outer class's.
//  - Every EasyNet::X the symbol mentions (an argument, a template argument)
//    must at least be declared in a public header: a protected constructor
//    taking the d-pointer (AbstractClient(AbstractClientPrivate &, QObject *))
//    is Qt's pattern, a QMetaTypeForType<EasyNet::FdSocketEngine *> is not.
//  - A symbol outside EasyNet that mentions no EasyNet type must be weak (W,
//    V, u): a vague-linkage copy of a Qt or standard library template or
//    inline function, whose namespace (std's, say) has default visibility;
//    not EasyNet's ABI. A strong one is something the library defines and
//    exports by accident (an extern "C" helper, a non-static global).
#include <QtCore/QDir>
#include <QtCore/QProcess>
#include <QtCore/QRegularExpression>
#include <QtCore/QSet>
#include <QtTest/QTest>

#include <cstdlib>
#include <cxxabi.h>
#include <memory>

namespace {

struct PublicNames
{
    QSet<QString> exported; // classes marked EASYNET_EXPORT
    QSet<QString> defined; // may own an exported symbol
    QSet<QString> declared; // may appear in one (defined ones too)
};

PublicNames publicNames()
{
    // A #define's body (EASYNET_DECLARE_EXCEPTION's "class EASYNET_EXPORT Name")
    // declares nothing; its uses do.
    static const QRegularExpression macro(QStringLiteral(R"(^[ \t]*#[ \t]*define(?:.*\\\n)*.*$)"),
                                          QRegularExpression::MultilineOption);
    static const QRegularExpression exportedClass(
        QStringLiteral(R"(\b(?:class|struct)\s+EASYNET_EXPORT\s+(\w+))"));
    static const QRegularExpression exception(
        QStringLiteral(R"(EASYNET_DECLARE_EXCEPTION\((\w+),)"));
    static const QRegularExpression definition(QStringLiteral(
        R"(\b(?:class|struct|union|enum(?:\s+class|\s+struct)?)\s+(?:EASYNET_EXPORT\s+)?(\w+)\s*(?:final\s*)?(?::(?!:)|\{))"));
    static const QRegularExpression function(
        QStringLiteral(R"(^EASYNET_EXPORT\s[^;{(]*?\b(operator\S+?|\w+)\s*\()"),
        QRegularExpression::MultilineOption);
    static const QRegularExpression forward(QStringLiteral(R"(\b(?:class|struct)\s+(\w+)\s*;)"));
    const auto collect
        = [](const QRegularExpression &re, const QString &text, QSet<QString> &into) {
              for (const QRegularExpressionMatch &match : re.globalMatch(text))
                  into.insert(match.captured(1));
          };

    PublicNames names;
    const QDir dir(QStringLiteral(EASYNET_PUBLIC_HEADER_DIR));
    const QStringList headers = dir.entryList({QStringLiteral("*.h")}, QDir::Files);
    for (const QString &header : headers) {
        QFile file(dir.filePath(header));
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(file.fileName()));
        const QString text = QString::fromUtf8(file.readAll()).remove(macro);
        collect(exportedClass, text, names.exported);
        collect(exception, text, names.exported);
        collect(definition, text, names.defined);
        collect(function, text, names.defined);
        collect(forward, text, names.declared);
        if (text.contains(QLatin1StringView("Q_NAMESPACE_EXPORT(")))
            names.defined.insert(QStringLiteral("staticMetaObject"));
    }
    names.defined.unite(names.exported);
    names.declared.unite(names.defined);
    return names;
}

// nm -C's text of a symbol, but AddressSanitizer's ODR indicator of an exported
// global ("__odr_asan.<mangled name>", which nm leaves mangled) as the global's.
QString demangledName(const QString &nmName)
{
    static const QLatin1StringView asanIndicator("__odr_asan.");
    if (!nmName.startsWith(asanIndicator))
        return nmName;
    const QByteArray mangled = nmName.sliced(asanIndicator.size()).toLatin1();
    int status = 0;
    const std::unique_ptr<char, decltype(&std::free)> name(
        abi::__cxa_demangle(mangled.constData(), nullptr, nullptr, &status), &std::free);
    return status == 0 ? QString::fromLatin1(name.get()) : nmName;
}

// "vtable for X", "non-virtual thunk to X::f()"...: X's.
QString withoutSpecialPrefix(QString symbol)
{
    static const QRegularExpression prefix(QStringLiteral(
        "^(?:vtable for |VTT for |construction vtable for |typeinfo for |typeinfo name for "
        "|guard variable for |(?:non-)?virtual thunk to |covariant return thunk to "
        "|reference temporary #\\d+ for |transaction clone for )"));
    while (true) {
        const QRegularExpressionMatch match = prefix.match(symbol);
        if (!match.hasMatch())
            return symbol;
        symbol.remove(0, match.capturedLength());
    }
}

// The qualified name a demangled symbol defines: its text at template and
// parameter depth 0 up to the parameter list, and of that the last qualified
// token (a template function's return type comes first; "operator bool" ends
// in an unqualified token).
QString owner(const QString &demangled)
{
    static const QRegularExpression operatorName(
        QStringLiteral(R"(operator(?:<=>|<<=?|>>=?|<=?|>=?|->\*?|\(\)|\S+?(?=\()))"));
    const QString symbol = withoutSpecialPrefix(demangled);
    QString name;
    int templateDepth = 0;
    for (qsizetype i = 0; i < symbol.size(); ++i) {
        if (templateDepth == 0 && symbol.at(i) == u'o') {
            const QRegularExpressionMatch op
                = operatorName.match(symbol, i, QRegularExpression::NormalMatch,
                                     QRegularExpression::AnchorAtOffsetMatchOption);
            if (op.hasMatch() && (i == 0 || !symbol.at(i - 1).isLetterOrNumber())) {
                name += op.captured();
                i += op.capturedLength() - 1;
                continue;
            }
        }
        const QChar c = symbol.at(i);
        if (c == u'<')
            ++templateDepth;
        else if (c == u'>')
            --templateDepth;
        else if (templateDepth == 0 && c == u'(')
            break;
        else if (templateDepth == 0)
            name += c;
    }
    const QStringList tokens = name.split(u' ', Qt::SkipEmptyParts);
    for (auto it = tokens.crbegin(); it != tokens.crend(); ++it) {
        if (it->contains(QLatin1StringView("::")))
            return *it;
    }
    return tokens.isEmpty() ? QString() : tokens.last();
}

// Why a symbol of nm type `type` (T, W...) must not be exported, or empty.
QString offence(const PublicNames &names, QChar type, const QString &demangled)
{
    static const QRegularExpression mention(QStringLiteral(R"(\bEasyNet::(?!operator\b)(\w+))"));
    const QString owned = owner(demangled);
    if (owned.startsWith(QLatin1StringView("EasyNet::"))) {
        const QString top = owned.sliced(9).section(QLatin1StringView("::"), 0, 0);
        if (!names.defined.contains(top))
            return QStringLiteral("EasyNet::%1 is not defined in a public header").arg(top);
    } else if (!QStringLiteral("WVuvw").contains(type) && !demangled.contains(u"EasyNet::")) {
        return QStringLiteral("a strong definition outside the namespace EasyNet");
    }
    for (const QRegularExpressionMatch &match : mention.globalMatch(demangled)) {
        if (!names.declared.contains(match.captured(1)))
            return QStringLiteral("mentions EasyNet::%1, not declared in a public header")
                .arg(match.captured(1));
    }
    return {};
}

} // namespace

class tst_ExportedSymbols : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void classification_data();
    void classification();
    void onlyPublicApiIsExported();
    void everyExportedClassIsExported();
    void staticTlsFitsADlopen();

private:
    PublicNames m_names;
    QList<std::pair<QChar, QString>> m_symbols; // nm's type and the demangled name
};

void tst_ExportedSymbols::initTestCase()
{
    m_names = publicNames();
    QVERIFY(m_names.defined.contains(QStringLiteral("TcpClient")));
    QVERIFY(!m_names.defined.contains(QStringLiteral("TcpClientPrivate")));
    QVERIFY(m_names.declared.contains(QStringLiteral("TcpClientPrivate")));

    QProcess nm;
    nm.start(QStringLiteral(EASYNET_NM),
             {QStringLiteral("-D"), QStringLiteral("--defined-only"), QStringLiteral("-C"),
              QStringLiteral(EASYNET_LIBRARY)});
    QVERIFY2(nm.waitForFinished(60000), qPrintable(nm.errorString()));
    QVERIFY2(nm.exitStatus() == QProcess::NormalExit && nm.exitCode() == 0,
             nm.readAllStandardError().constData());
    // "<address> <type> <name>"
    static const QRegularExpression line(QStringLiteral(R"(^[0-9a-f]+ (\S) (.+)$)"));
    const QStringList lines
        = QString::fromUtf8(nm.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
    for (const QString &text : lines) {
        const QRegularExpressionMatch match = line.match(text);
        QVERIFY2(match.hasMatch(), qPrintable(QStringLiteral("unexpected nm line: ") + text));
        m_symbols.append({match.captured(1).at(0), demangledName(match.captured(2))});
    }
    QVERIFY(!m_symbols.isEmpty());
}

// The rules on symbols of each kind (nm's demangled text), so that a change in
// the parsing cannot make the check below pass everything.
void tst_ExportedSymbols::classification_data()
{
    QTest::addColumn<QChar>("type");
    QTest::addColumn<QString>("symbol");
    QTest::addColumn<bool>("allowed");

    const auto row = [](const char *name, char type, const char *symbol, bool allowed) {
        QTest::newRow(name) << QChar::fromLatin1(type) << QString::fromLatin1(symbol) << allowed;
    };
    row("public member", 'T', "EasyNet::TcpClient::open()", true);
    row("public vtable", 'V', "vtable for EasyNet::TcpClient", true);
    row("nested class of a public one", 'T',
        "EasyNet::AbstractBlockingClient::PacketRange::begin()", true);
    row("d-pointer constructor", 'T',
        "EasyNet::AbstractClient::AbstractClient(EasyNet::AbstractClientPrivate&, QObject*)", true);
    row("exported operator", 'T', "EasyNet::operator<<(QDebug, EasyNet::Error const&)", true);
    row("exported qHash", 'T', "EasyNet::qHash(EasyNet::UnixCredentials const&, unsigned long)",
        true);
    row("namespace meta-object", 'D', "EasyNet::staticMetaObject", true);
    row("exception typeinfo", 'V', "typeinfo for EasyNet::TimeoutError", true);
    row("std template copy", 'W', "std::_Rb_tree<QString, QString>::_M_erase(void*)", true);
    row("Qt inline copy", 'W', "QString::arg(int, int, int, QChar) const", true);
    row("private class", 'T', "EasyNet::FdSocketEngine::close()", false);
    row("private class thunk", 'T', "non-virtual thunk to EasyNet::UnixSocket::read(char*)", false);
    row("d-pointer class", 'T', "EasyNet::TcpClientPrivate::connectToHost()", false);
    row("forward-declared struct", 'V', "typeinfo for EasyNet::SocketAncillaryData", false);
    row("namespace detail", 'W', "void EasyNet::detail::f<int>(int)", false);
    row("private free function", 'T', "EasyNet::enumKey(int)", false);
    row("private template argument", 'W',
        "QtPrivate::QMetaTypeForType<EasyNet::FdSocketEngine*>::getDtor()", false);
    row("private operator", 'T', "EasyNet::operator<<(QDebug, EasyNet::HostResolver const&)",
        false);
    row("template function's return type", 'W',
        "EasyNet::TcpClient std::__detail::f<EasyNet::TcpClient>()", true);
    row("strong outside the namespace", 'T', "easynet_helper", false);
    row("ASan indicator of a public global", 'B',
        "__odr_asan._ZN7EasyNet9TcpClient16staticMetaObjectE", true);
    row("ASan indicator of a private global", 'B',
        "__odr_asan._ZN7EasyNet14FdSocketEngine16staticMetaObjectE", false);
    row("strong Qt specialisation", 'T', "QMetaTypeId<EasyNet::Error>::qt_metatype_id()", true);
}

void tst_ExportedSymbols::classification()
{
    QFETCH(QChar, type);
    QFETCH(QString, symbol);
    QFETCH(bool, allowed);
    const QString why = offence(m_names, type, demangledName(symbol));
    QVERIFY2(why.isEmpty() == allowed, qPrintable(why.isEmpty() ? QStringLiteral("allowed") : why));
}

void tst_ExportedSymbols::onlyPublicApiIsExported()
{
    QStringList offenders;
    for (const auto &[type, symbol] : std::as_const(m_symbols)) {
        const QString why = offence(m_names, type, symbol);
        if (!why.isEmpty())
            offenders.append(symbol + QStringLiteral(" (") + why + u')');
    }
    offenders.removeDuplicates(); // a constructor's C1 and C2 demangle alike
    for (const QString &offender : std::as_const(offenders))
        qWarning("exported: %s", qPrintable(offender)); // QVERIFY2 would truncate the list
    QVERIFY2(
        offenders.isEmpty(),
        qPrintable(QStringLiteral("%1 exported symbols are not public API").arg(offenders.size())));
}

// The other way round: EASYNET_EXPORT works, every class marked with it has
// symbols in the table (an application could not link against it otherwise).
void tst_ExportedSymbols::everyExportedClassIsExported()
{
    QSet<QString> missing = m_names.exported;
    for (const auto &[type, symbol] : std::as_const(m_symbols)) {
        const QString owned = owner(symbol);
        if (owned.startsWith(QLatin1StringView("EasyNet::")))
            missing.remove(owned.sliced(9).section(QLatin1StringView("::"), 0, 0));
    }
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("no exported symbol of: ")
                        + QStringList(missing.cbegin(), missing.cend()).join(u' ')));
}

// libEasyNet's thread-locals are static TLS (eventloopentry.cpp's
// initial-exec model marks the whole library STATIC_TLS). A library loaded
// with dlopen(), as the QML plugin loads it, gets static TLS from what glibc
// keeps aside for all of them, 512 bytes by default; more, and loading fails
// ("cannot allocate memory in static TLS block"). Larger per-thread state
// belongs on the heap, behind a thread-local pointer.
void tst_ExportedSymbols::staticTlsFitsADlopen()
{
    QProcess readelf;
    readelf.start(QStringLiteral(EASYNET_READELF),
                  {QStringLiteral("-lW"), QStringLiteral(EASYNET_LIBRARY)});
    QVERIFY2(readelf.waitForFinished(60000), qPrintable(readelf.errorString()));
    QCOMPARE(readelf.exitCode(), 0);
    // "  TLS  0x... 0x... 0x... 0x<file size> 0x<memory size> R 0x8"
    static const QRegularExpression tls(
        QStringLiteral(R"(^\s*TLS\s+\S+\s+\S+\s+\S+\s+\S+\s+0x([0-9a-f]+))"),
        QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match
        = tls.match(QString::fromUtf8(readelf.readAllStandardOutput()));
    QVERIFY2(match.hasMatch(), "no TLS segment");
    const qlonglong size = match.captured(1).toLongLong(nullptr, 16);
    qInfo("static TLS: %lld bytes", size);
    QVERIFY2(size <= 256, qPrintable(QStringLiteral("%1 bytes of static TLS").arg(size)));
}

QTEST_GUILESS_MAIN(tst_ExportedSymbols)
#include "tst_exportedsymbols.moc"
