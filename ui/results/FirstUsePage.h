#pragma once

#include <QWidget>

namespace salvo::ui {

// What stands in for the results table before anything has run: what to do, and a sample
// batch to try without a network. The History, Jobs and Checks tabs stay beside it.
class FirstUsePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FirstUsePage)

public:
    explicit FirstUsePage(QWidget *parent = nullptr);

signals:
    void sampleRequested();
};

} // namespace salvo::ui
