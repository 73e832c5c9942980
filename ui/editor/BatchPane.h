#pragma once

#include <QHash>
#include <QWidget>

#include "batch/BatchInput.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTabWidget;
class QTimer;

namespace salvo::ui {

class BatchEditor;
class ExpectEditor;
class HeadersEditor;
class PlaceholderMarker;
class SignInEditor;

// The left side of the window: what to request. A list of addresses, or a URL template
// with a list of ids or a CSV; the method; the environment filling its {name}s; and, in tabs,
// the headers and body every request sends, what every answer must be (Expect) and how the
// requests sign in. It hands the window a BatchInput to read on a
// worker thread.
class BatchPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchPane)

public:
    explicit BatchPane(QWidget *parent = nullptr);

    // Everything typed, as one value; a large list is shared, not copied.
    salvo::BatchInput batchInput() const;
    // The Headers tab's rows: a resume takes secret values from here.
    salvo::HeaderList headers() const;

    // A list of addresses, as the sample batch and tests give it.
    void setUrlList(const QString &text);
    // A file's contents: a .csv file switches to CSV; another file keeps ids when a template
    // is being used, and is read as addresses otherwise.
    void setFileContents(const QString &path, const QByteArray &contents);

    // Everything of a saved batch; headers whose values were withheld get a row with an
    // empty value, ready to be typed in.
    void setBatchInput(const salvo::BatchInput &input,
                       const QList<QByteArray> &withheldHeaders = {});

    // The Expect tab's rows that cannot be used, each with why; the run waits for them.
    QStringList expectProblems() const;
    // The Expect tab's expectations and columns (the sample batch's).
    void setInspection(const salvo::InspectionPlan &plan);

    // Puts values into the headers of those names (secrets brought back from the keychain).
    void fillHeaderValues(const salvo::HeaderList &values);

    salvo::InputKind inputKind() const;
    void setInputKind(salvo::InputKind kind);
    void setUrlTemplate(const QString &urlTemplate);

    BatchEditor *editor() const { return m_editor; }

    // Reads the environments file again into the box above the batch, keeping the choice.
    void reloadEnvironments();
    // Opens the environments for editing; saved when the person says OK.
    void editEnvironments();
    // An import's variables added to the environments (to the one of its name, where a value
    // the import leaves empty keeps the one there) and saved; its name, or why it was not.
    salvo::Expected<QString> adoptEnvironment(const salvo::Environment &imported);

    // The batch as last run, opened or saved: an editor holding it, or nothing, has nothing a
    // person would lose if another batch took its place.
    void markSettled() { m_settled = batchInput(); }
    bool hasUnsettledEdits() const;

    // Why the batch as it stands cannot run, shown under it until the batch changes.
    void showRunProblem(const QString &problem);

private:
    void setUpInputKinds();
    void setUpTabs();
    void setUpMessages();
    void showInputKind();
    QString templateForKind(salvo::InputKind kind) const;
    void batchChanged();
    void showAdvice();
    void showLineCheck(int invalid, int rows);
    void showHeaderCount();
    void showExpectCount();
    void showSignInTitle();
    QWidget *buildEnvironmentRow();
    // The chosen environment's variables; none for "No environment".
    salvo::Environment chosenEnvironment() const;
    void setEnvironmentName(const QString &name);
    // Marks the {name}s nothing defines; the sentence saying so, or empty.
    QString markUndefinedVariables(const salvo::BatchInput &input);

    QComboBox *m_kind;
    QLineEdit *m_urlTemplate;
    QLabel *m_urlTemplateLabel;
    QComboBox *m_method;
    BatchEditor *m_editor;
    QLabel *m_lineCheck;
    HeadersEditor *m_headers;
    QPlainTextEdit *m_body;
    ExpectEditor *m_expect;
    SignInEditor *m_signIn;
    QComboBox *m_environment;
    PlaceholderMarker *m_listMarker;
    PlaceholderMarker *m_bodyMarker;
    QList<salvo::Environment> m_environments;
    QString m_environmentsProblem; // why the environments file cannot be read
    QTabWidget *m_tabs;
    QLabel *m_runProblem;
    QLabel *m_advice;
    QTimer *m_adviceDelay;

    // Each kind keeps its own template, so one typed for ids never reads a CSV or names a
    // run of web addresses. m_shownKind is the kind whose template the field shows.
    QHash<int, QString> m_templates; // by InputKind
    salvo::InputKind m_shownKind = salvo::InputKind::UrlList;
    salvo::BatchInput m_settled;
};

} // namespace salvo::ui
