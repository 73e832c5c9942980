#pragma once

#include <memory>

#include <QAbstractItemModel>

#include "JsonTree.h"

namespace salvo::ui {

// Keys (or array indices) in the first column; values in the second, scalars as JSON text
// and containers as their kind and size; the type in a tooltip and in TypeRole.
class JsonTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonTreeModel)

public:
    enum Column { KeyColumn, ValueColumn, ColumnCount };

    enum Role {
        TypeRole = Qt::UserRole + 1, // a JsonTree::Type, as int
    };

    explicit JsonTreeModel(QObject *parent = nullptr);

    void setTree(std::shared_ptr<const JsonTree> tree);
    void clear();

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "String", "Number", ...: what a person reads in the tooltip.
    static QString typeName(JsonTree::Type type);

private:
    qint32 nodeOf(const QModelIndex &index) const;

    std::shared_ptr<const JsonTree> m_tree;
};

} // namespace salvo::ui
