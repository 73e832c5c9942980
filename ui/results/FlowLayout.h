#pragma once

#include <QLayout>
#include <QList>

namespace salvo::ui {

// Lays its widgets out left to right and wraps them onto the next line when the width runs
// out, so a row of filter chips is never cut off or hidden behind a scroll bar. Qt has no
// such layout; this is its documented Flow Layout example's approach, with insertion at an
// index.
class FlowLayout final : public QLayout
{
public:
    explicit FlowLayout(QWidget *parent = nullptr, int spacing = -1);
    ~FlowLayout() override;

    void insertWidget(int index, QWidget *widget);

    void addItem(QLayoutItem *item) override;
    int count() const override { return int(m_items.size()); }
    QLayoutItem *itemAt(int index) const override { return m_items.value(index); }
    QLayoutItem *takeAt(int index) override;
    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect &rect) override;

private:
    // Places the items in `rect` (or only measures, when dryRun); returns the height used.
    int arrange(const QRect &rect, bool dryRun) const;
    int gap() const;

    QList<QLayoutItem *> m_items;
    int m_spacing;
};

} // namespace salvo::ui
