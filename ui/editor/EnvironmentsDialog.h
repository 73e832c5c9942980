#pragma once

#include <QDialog>

#include "batch/Variables.h"

class QComboBox;
class QTableWidget;

namespace salvo::ui {

// Edits the named environments ("staging", "production"), each a table of variables that
// fill the {name}s of a batch. The window keeps them in defaultEnvironmentsPath(), which
// salvo-cli's --env reads too.
class EnvironmentsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentsDialog)

public:
    EnvironmentsDialog(QList<Environment> environments, const QString &shown,
                       QWidget *parent = nullptr);

    // Every environment as edited; a variable without a name is left out.
    QList<Environment> environments() const;
    QString shownEnvironment() const;
    // A new environment, shown: what the New button does once it has a name.
    void addEnvironment(const QString &name);

private:
    // The variables of the table as it stands.
    QHash<QString, QString> shownValues() const;
    void showEnvironment(int index);
    void appendVariableRow(const QString &name, const QString &value);

    QList<Environment> m_environments;
    QComboBox *m_names;
    QTableWidget *m_variables;
    int m_shownIndex = -1;
};

} // namespace salvo::ui
