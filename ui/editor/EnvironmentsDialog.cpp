#include "EnvironmentsDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace salvo::ui {

EnvironmentsDialog::EnvironmentsDialog(QList<Environment> environments, const QString &shown,
                                       QWidget *parent)
    : QDialog(parent)
    , m_environments(std::move(environments))
    , m_names(new QComboBox(this))
    , m_variables(new QTableWidget(0, 2, this))
{
    setWindowTitle(tr("Environments"));
    m_names->setObjectName(QStringLiteral("environmentNamesBox"));
    m_names->setAccessibleName(tr("Environment"));
    auto *add = new QPushButton(tr("&New..."), this);
    add->setObjectName(QStringLiteral("newEnvironmentButton"));
    auto *remove = new QPushButton(tr("&Delete"), this);
    remove->setObjectName(QStringLiteral("deleteEnvironmentButton"));
    m_variables->setObjectName(QStringLiteral("environmentVariablesTable"));
    m_variables->setAccessibleName(tr("Variables"));
    m_variables->setHorizontalHeaderLabels({tr("Variable"), tr("Value")});
    m_variables->horizontalHeader()->setStretchLastSection(true);
    m_variables->verticalHeader()->hide();
    auto *note = new QLabel(tr("Write {name} in the addresses, the headers or the body; the "
                               "environment chosen above the batch fills it in. The last row "
                               "adds a variable."),
                            this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);

    auto *top = new QHBoxLayout;
    top->addWidget(m_names, 1);
    top->addWidget(add);
    top->addWidget(remove);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_variables, 1);
    layout->addWidget(note);
    layout->addWidget(buttons);

    for (const Environment &environment : std::as_const(m_environments))
        m_names->addItem(environment.name);
    connect(m_names, &QComboBox::currentIndexChanged, this, &EnvironmentsDialog::showEnvironment);
    connect(add, &QPushButton::clicked, this, [this] {
        const QString name
                = QInputDialog::getText(this, tr("New environment"), tr("Name:")).trimmed();
        if (!name.isEmpty())
            addEnvironment(name);
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int index = m_names->currentIndex();
        if (index < 0)
            return;
        m_shownIndex = -1; // its values go with it
        m_environments.removeAt(index);
        m_names->removeItem(index);
    });
    connect(m_variables, &QTableWidget::cellChanged, this, [this](int row) {
        if (row == m_variables->rowCount() - 1)
            appendVariableRow({}, {}); // always one empty row to type in
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_names->setCurrentIndex(std::max(0, m_names->findText(shown)));
    showEnvironment(m_names->currentIndex());
    resize(520, 360);
}

void EnvironmentsDialog::addEnvironment(const QString &name)
{
    if (m_names->findText(name) < 0) {
        m_environments.append({name, {}});
        m_names->addItem(name);
    }
    m_names->setCurrentIndex(m_names->findText(name));
}

QHash<QString, QString> EnvironmentsDialog::shownValues() const
{
    QHash<QString, QString> values;
    for (int row = 0; row < m_variables->rowCount(); ++row) {
        const QTableWidgetItem *name = m_variables->item(row, 0);
        const QTableWidgetItem *value = m_variables->item(row, 1);
        if (name && !name->text().trimmed().isEmpty())
            values.insert(name->text().trimmed(), value ? value->text() : QString());
    }
    return values;
}

void EnvironmentsDialog::showEnvironment(int index)
{
    if (m_shownIndex >= 0 && m_shownIndex < m_environments.size())
        m_environments[m_shownIndex].values = shownValues();
    m_shownIndex = index;
    const QSignalBlocker quiet(m_variables);
    m_variables->setRowCount(0);
    if (index >= 0 && index < m_environments.size()) {
        const QHash<QString, QString> &values = m_environments.at(index).values;
        QStringList names = values.keys();
        names.sort();
        for (const QString &name : names)
            appendVariableRow(name, values.value(name));
    }
    appendVariableRow({}, {});
    m_variables->setEnabled(index >= 0);
}

void EnvironmentsDialog::appendVariableRow(const QString &name, const QString &value)
{
    const QSignalBlocker quiet(m_variables);
    const int row = m_variables->rowCount();
    m_variables->insertRow(row);
    m_variables->setItem(row, 0, new QTableWidgetItem(name));
    m_variables->setItem(row, 1, new QTableWidgetItem(value));
}

QList<Environment> EnvironmentsDialog::environments() const
{
    QList<Environment> all = m_environments;
    if (m_shownIndex >= 0 && m_shownIndex < all.size())
        all[m_shownIndex].values = shownValues();
    return all;
}

QString EnvironmentsDialog::shownEnvironment() const
{
    return m_names->currentText();
}

} // namespace salvo::ui
