// The filter chips over the results wrap onto more lines as a narrow window needs: every chip
// with its count stays whole and in sight, none cut off or hidden behind a scroll bar.

#include <QTest>
#include <QToolButton>
#include <QVBoxLayout>

#include "results/StatusFilterBar.h"

using namespace Qt::StringLiterals;
using salvo::ui::StatusFilterBar;

class TestStatusFilterBar final : public QObject
{
    Q_OBJECT

private slots:
    void chipsWrapInsteadOfBeingCut()
    {
        QWidget window;
        auto *layout = new QVBoxLayout(&window);
        auto *bar = new StatusFilterBar(&window);
        layout->addWidget(bar);
        layout->addStretch();
        bar->showCounts({{u"2xx"_s, 10},
                         {u"3xx"_s, 1},
                         {u"4xx"_s, 2},
                         {u"5xx"_s, 1},
                         {u"timeout"_s, 3},
                         {u"dns"_s, 1},
                         {u"refused"_s, 2},
                         {u"tls"_s, 1},
                         {u"invalid_url"_s, 4},
                         {u"redirected"_s, 1}});
        window.resize(520, 300);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        const QWidget *chips = bar->findChild<QWidget *>(u"filterChips"_s);
        QVERIFY(chips);
        int lines = 0;
        int lastTop = -1;
        const QList<QToolButton *> all = chips->findChildren<QToolButton *>();
        QVERIFY(all.size() >= 11);
        for (const QToolButton *chip : all) {
            if (!chip->isVisible())
                continue;
            QVERIFY2(chips->rect().contains(chip->geometry()),
                     qPrintable(chip->text() + u" is cut off"_s));
            QVERIFY2(chip->width() >= chip->sizeHint().width(), qPrintable(chip->text()));
            if (chip->y() != lastTop) {
                lastTop = chip->y();
                ++lines;
            }
        }
        QVERIFY2(lines >= 2, "the chips did not wrap");
        // The bar is as tall as its lines, so the table below starts after the last one.
        QVERIFY(bar->height() >= chips->height());
        for (const QToolButton *chip : all)
            QVERIFY(!chip->isVisible() || chip->geometry().bottom() < chips->height());
    }
};

QTEST_MAIN(TestStatusFilterBar)
#include "tst_statusfilterbar.moc"
