#include <QTest>

#include "batch/TextLines.h"

using namespace Qt::StringLiterals;

namespace {

// The text as UTF-16 bytes behind a byte order mark, written out by hand so the test does
// not lean on the decoder it checks.
QByteArray utf16WithBom(const QString &text, QSysInfo::Endian endian)
{
    QByteArray bytes;
    const auto append = [&](char16_t unit) {
        const char high = char(unit >> 8);
        const char low = char(unit & 0xff);
        if (endian == QSysInfo::LittleEndian)
            bytes.append(low).append(high);
        else
            bytes.append(high).append(low);
    };
    append(u'\uFEFF');
    for (const QChar c : text)
        append(c.unicode());
    return bytes;
}

} // namespace

class TestTextLines final : public QObject
{
    Q_OBJECT

private slots:
    void decodesInputText_data();
    void decodesInputText();
    void splitsLines_data();
    void splitsLines();
    void decodedFileSplitsIntoItsLines_data();
    void decodedFileSplitsIntoItsLines();
};

void TestTextLines::decodesInputText_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("ascii") << "https://example.com/\n"_ba << u"https://example.com/\n"_s;
    QTest::newRow("UTF-8 without BOM") << "caf\xC3\xA9 \xE2\x82\xAC"_ba << u"café €"_s;
    QTest::newRow("UTF-8 with BOM") << "\xEF\xBB\xBF"
                                       "caf\xC3\xA9"_ba
                                    << u"café"_s;
    QTest::newRow("UTF-8 BOM only") << "\xEF\xBB\xBF"_ba << QString();
    QTest::newRow("UTF-8 outside the BMP") << "\xF0\x9F\x98\x80"_ba << u"😀"_s;
    QTest::newRow("UTF-16LE with BOM")
            << utf16WithBom(u"café\r\n😀"_s, QSysInfo::LittleEndian) << u"café\r\n😀"_s;
    QTest::newRow("UTF-16BE with BOM")
            << utf16WithBom(u"café\r\n😀"_s, QSysInfo::BigEndian) << u"café\r\n😀"_s;
    QTest::newRow("UTF-16LE BOM only")
            << utf16WithBom(QString(), QSysInfo::LittleEndian) << QString();
    // A stray byte must not swallow the rest of the line or the line break after it.
    QTest::newRow("invalid UTF-8 byte") << "a\xFF"
                                           "b\n\xC3\nc"_ba
                                        << u"a\uFFFDb\n\uFFFD\nc"_s;
}

void TestTextLines::decodesInputText()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);

    QCOMPARE(salvo::decodeInputText(bytes), expected);
}

void TestTextLines::splitsLines_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("empty") << QString() << QStringList();
    QTest::newRow("one line, no newline") << u"a"_s << QStringList{u"a"_s};
    QTest::newRow("LF") << u"a\nb"_s << QStringList{u"a"_s, u"b"_s};
    QTest::newRow("CRLF") << u"a\r\nb"_s << QStringList{u"a"_s, u"b"_s};
    QTest::newRow("CR") << u"a\rb"_s << QStringList{u"a"_s, u"b"_s};
    QTest::newRow("trailing LF") << u"a\nb\n"_s << QStringList{u"a"_s, u"b"_s};
    QTest::newRow("trailing CRLF") << u"a\r\nb\r\n"_s << QStringList{u"a"_s, u"b"_s};
    QTest::newRow("trailing CR") << u"a\rb\r"_s << QStringList{u"a"_s, u"b"_s};
    QTest::newRow("mixed endings")
            << u"a\nb\r\nc\rd"_s << QStringList{u"a"_s, u"b"_s, u"c"_s, u"d"_s};
    QTest::newRow("blank line, LF") << u"a\n\nb"_s << QStringList{u"a"_s, QString(), u"b"_s};
    QTest::newRow("blank line, CRLF") << u"a\r\n\r\nb"_s << QStringList{u"a"_s, QString(), u"b"_s};
    QTest::newRow("blank line, CR") << u"a\r\rb"_s << QStringList{u"a"_s, QString(), u"b"_s};
    QTest::newRow("LF then CR is two breaks")
            << u"a\n\rb"_s << QStringList{u"a"_s, QString(), u"b"_s};
    QTest::newRow("blank line before final newline")
            << u"a\n\n"_s << QStringList{u"a"_s, QString()};
    QTest::newRow("newline only") << u"\n"_s << QStringList{QString()};
    QTest::newRow("CRLF only") << u"\r\n"_s << QStringList{QString()};
    QTest::newRow("leading newline") << u"\na"_s << QStringList{QString(), u"a"_s};
    QTest::newRow("whitespace is kept") << u" a \t\n\t"_s << QStringList{u" a \t"_s, u"\t"_s};
}

void TestTextLines::splitsLines()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);

    QCOMPARE(salvo::splitInputLines(text), expected);
}

void TestTextLines::decodedFileSplitsIntoItsLines_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("expected");

    const QStringList lines{u"https://a.example/"_s, QString(), u"# é"_s};
    QTest::newRow("UTF-8, LF") << "https://a.example/\n\n# \xC3\xA9\n"_ba << lines;
    QTest::newRow("UTF-8 BOM, CRLF") << "\xEF\xBB\xBF"
                                        "https://a.example/\r\n\r\n# \xC3\xA9\r\n"_ba
                                     << lines;
    QTest::newRow("UTF-8, CR, no final newline") << "https://a.example/\r\r# \xC3\xA9"_ba << lines;
    QTest::newRow("UTF-16LE BOM, CRLF")
            << utf16WithBom(u"https://a.example/\r\n\r\n# é\r\n"_s, QSysInfo::LittleEndian)
            << lines;
    QTest::newRow("UTF-16BE BOM, LF")
            << utf16WithBom(u"https://a.example/\n\n# é"_s, QSysInfo::BigEndian) << lines;
    QTest::newRow("empty") << QByteArray() << QStringList();
}

void TestTextLines::decodedFileSplitsIntoItsLines()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, expected);

    QCOMPARE(salvo::splitInputLines(salvo::decodeInputText(bytes)), expected);
}

QTEST_GUILESS_MAIN(TestTextLines)
#include "tst_textlines.moc"
