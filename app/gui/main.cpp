// salvo: the dashboard. `salvo [FILE] [--run]` opens a list of addresses (and runs it).

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#include "MainWindow.h"
#include "store/PrivateFiles.h"

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Salvo"));
    QApplication::setOrganizationName(QStringLiteral("Salvo"));
    QApplication::setApplicationVersion(QStringLiteral(SALVO_VERSION));
    salvo::protectSalvoFolders();
    // The desktop matches the window to its .desktop file (icon, taskbar progress) by this.
    QGuiApplication::setDesktopFileName(QStringLiteral("app.salvo.Salvo"));
    // The installed theme's icon, or the one built in when Salvo runs from its build folder.
    QApplication::setWindowIcon(
            QIcon::fromTheme(QStringLiteral("app.salvo.Salvo"),
                             QIcon(QStringLiteral(":/icons/app.salvo.Salvo.svg"))));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
            "main", "Runs batches of web requests and shows every answer."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
            QStringLiteral("FILE"),
            QApplication::translate("main",
                                    "A list of addresses (.txt) or a table (.csv) to open."),
            QStringLiteral("[FILE]"));
    const QCommandLineOption run(QStringLiteral("run"),
                                 QApplication::translate("main", "Run the opened list at once."));
    const QCommandLineOption sample(
            QStringLiteral("sample"),
            QApplication::translate("main", "Start with the sample batch (no network needed)."));
    parser.addOptions({run, sample});
    parser.process(app);

    salvo::ui::MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.openFile(parser.positionalArguments().constFirst(), parser.isSet(run));
    else if (parser.isSet(sample))
        window.startSampleBatch();
    else
        window.restoreLastBatch();
    return QApplication::exec();
}
