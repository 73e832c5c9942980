// The files the window writes beside a batch: the environments file is the person's alone,
// whatever the umask, and reads back as it was written.

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include "ExpectedTest.h"
#include "desktop/BatchFile.h"

using namespace Qt::StringLiterals;

class TestBatchFile final : public QObject
{
    Q_OBJECT

private slots:
    void theEnvironmentsFileIsPrivateAndReadsBack()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"config/environments.json"_s);
        const mode_t previous = umask(0);
        const QList<salvo::Environment> written{
                {u"staging"_s, {{u"base_url"_s, u"https://s.example"_s}, {u"token"_s, u"t"_s}}},
                {u"production"_s, {{u"base_url"_s, u"https://api.example"_s}}}};
        const salvo::Expected<> saved = salvo::writeEnvironmentsFile(path, written);
        umask(previous);
        QVERIFY_RESULT(saved);
        QCOMPARE(QFile::permissions(path),
                 QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
        const auto read = salvo::readEnvironmentsFile(path);
        QVERIFY_RESULT(read);
        QCOMPARE(read->size(), 2);
        QVERIFY(read->contains(written.at(0)) && read->contains(written.at(1)));
        QVERIFY_RESULT(salvo::findEnvironment(path, u"production"_s));
    }

    void noFileIsNoEnvironmentYet()
    {
        QTemporaryDir dir;
        const auto read = salvo::readEnvironmentsFile(dir.filePath(u"none.json"_s));
        QVERIFY_RESULT(read);
        QVERIFY(read->isEmpty());
        const auto found = salvo::findEnvironment(dir.filePath(u"none.json"_s), u"qa"_s);
        QVERIFY(!found);
        QVERIFY_ERROR_SAYS(found, u"has no environment \"qa\"; it has none"_s);
    }
};

QTEST_GUILESS_MAIN(TestBatchFile)
#include "tst_batchfile.moc"
