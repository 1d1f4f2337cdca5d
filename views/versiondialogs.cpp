#include "versiondialogs.h"

#include "enumlabels.h"
#include "versionservice.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace tp {

NewVersionDialog::NewVersionDialog(const QStringList& takenNames, QWidget* parent)
    : SavingDialog(parent)
    , m_taken(takenNames)
    , m_name(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_description(new QPlainTextEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("newVersionDialog"));
    setWindowTitle(tr("New version"));
    m_name->setObjectName(QStringLiteral("versionNameEdit"));
    m_name->setPlaceholderText(tr("e.g. %1").arg(suggestedName(takenNames)));
    m_problem->setObjectName(QStringLiteral("versionNameProblem"));
    m_problem->setWordWrap(true);
    m_description->setObjectName(QStringLiteral("versionDescriptionEdit"));
    m_description->setPlaceholderText(tr("What this release brings (optional)"));
    m_description->setTabChangesFocus(true);
    m_description->setFixedHeight(m_description->fontMetrics().lineSpacing() * 4 + 12);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    auto* form = new QFormLayout;
    form->addRow(tr("&Version:"), m_name);
    form->addRow(QString(), m_problem);
    form->addRow(tr("&Description:"), m_description);
    auto* intro = new QLabel(tr("The version starts in planning: assign the demands it brings, freeze it to take "
                                "the snapshot that QA tests, then release it."),
                             this);
    intro->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(saveErrorLabel());
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &NewVersionDialog::validate);
    validate();
    resize(460, sizeHint().height());
}

QString NewVersionDialog::name() const
{
    return m_name->text().trimmed();
}

QString NewVersionDialog::description() const
{
    return m_description->toPlainText().trimmed();
}

QString NewVersionDialog::suggestedName(const QStringList& names)
{
    if (names.isEmpty()) {
        return QStringLiteral("1.0.0");
    }
    const QString newest = *std::max_element(names.cbegin(), names.cend(), versionLess);
    // The numbers before any suffix; the minor one goes up, the ones after it back to 0.
    QStringList parts = newest.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('+'), 0, 0).split(QLatin1Char('.'));
    while (parts.size() < 3) {
        parts << QStringLiteral("0");
    }
    bool ok = false;
    const int minor = parts.at(1).toInt(&ok);
    if (!ok) {
        return QStringLiteral("1.0.0");
    }
    parts[1] = QString::number(minor + 1);
    for (qsizetype i = 2; i < parts.size(); ++i) {
        parts[i] = QStringLiteral("0");
    }
    return parts.join(QLatin1Char('.'));
}

void NewVersionDialog::validate()
{
    const QString name = this->name();
    QString problem;
    if (name.isEmpty()) {
        problem = tr("A version needs a name: its version number, such as %1.").arg(suggestedName(m_taken));
    } else if (!isVersionName(name)) {
        problem = tr("“%1” is not a version number: use numbers separated by dots, such as %2.")
                      .arg(name, suggestedName(m_taken));
    } else {
        for (const QString& taken : std::as_const(m_taken)) {
            if (taken == name) {
                problem = tr("Version %1 exists already.").arg(name);
                break;
            }
            if (!versionLess(name, taken) && !versionLess(taken, name)) {
                problem = tr("%1 is the same version number as %2, which exists already.").arg(name, taken);
                break;
            }
        }
    }
    // An empty name is not an error yet: the hint is shown dim, a wrong name in red.
    const bool valid = problem.isEmpty();
    m_problem->setText(valid ? tr("Version %1 will be created in planning.").arg(name) : problem);
    m_problem->setStyleSheet(QStringLiteral("color: %1;")
                                 .arg(valid || name.isEmpty() ? palette().color(QPalette::PlaceholderText).name()
                                                              : QStringLiteral("#cf222e")));
    QPushButton* ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(valid);
    ok->setToolTip(problem);
}

AssignDemandsDialog::AssignDemandsDialog(const QString& versionName, const QList<Demand>& demands,
                                         const QStringList& assigned, QWidget* parent)
    : SavingDialog(parent)
    , m_version(versionName)
    , m_assigned(assigned)
    , m_model(new QStandardItemModel(0, ColumnCount, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("assignDemandsDialog"));
    setWindowTitle(tr("Demands of version %1").arg(versionName));
    m_model->setHorizontalHeaderLabels({tr("Demand"), tr("Title"), tr("Status"), tr("Other versions")});
    for (const Demand& d : demands) {
        auto* key = new QStandardItem(d.key);
        key->setCheckable(true);
        key->setCheckState(assigned.contains(d.key) ? Qt::Checked : Qt::Unchecked);
        key->setEditable(false);
        key->setData(isOpen(d.status), Qt::UserRole);
        QStringList others = d.targetVersions;
        others.removeAll(versionName);
        QList<QStandardItem*> row{key, new QStandardItem(d.title), new QStandardItem(demandStatusLabel(d.status)),
                                  new QStandardItem(others.join(QLatin1String(", ")))};
        for (qsizetype column = 1; column < row.size(); ++column) {
            row[column]->setEditable(false);
        }
        if (isOpen(d.status)) {
            row[StatusColumn]->setToolTip(tr("Open: the version can be frozen once it is merged, rejected or "
                                             "cancelled."));
        }
        row[TitleColumn]->setToolTip(d.title);
        m_model->appendRow(row);
    }
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);

    auto* intro = new QLabel(tr("Check the demands that version %1 brings. Before it can be frozen, each of them "
                                "must be merged, rejected or cancelled.")
                                 .arg(versionName),
                             this);
    intro->setWordWrap(true);
    m_filter->setObjectName(QStringLiteral("assignDemandFilter"));
    m_filter->setPlaceholderText(tr("Filter by key, title or status"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    m_table->setObjectName(QStringLiteral("assignDemandTable"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->sortByColumn(KeyColumn, Qt::DescendingOrder); // the newest, likeliest for a version in planning
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(TitleColumn, QHeaderView::Stretch);
    m_summary->setObjectName(QStringLiteral("assignDemandSummary"));
    m_summary->setWordWrap(true);
    connect(m_model, &QStandardItemModel::itemChanged, this, &AssignDemandsDialog::updateSummary);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_filter);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_summary);
    layout->addWidget(saveErrorLabel());
    layout->addWidget(buttons);
    if (demands.isEmpty()) {
        m_filter->setEnabled(false);
        m_table->setEnabled(false);
    }
    updateSummary();
    resize(760, 480);
}

QStringList AssignDemandsDialog::checkedKeys() const
{
    QStringList keys;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QStandardItem* item = m_model->item(row, KeyColumn);
        if (item->checkState() == Qt::Checked) {
            keys << item->text();
        }
    }
    keys.sort();
    return keys;
}

void AssignDemandsDialog::updateSummary()
{
    if (m_model->rowCount() == 0) {
        m_summary->setText(tr("This app has no demands yet. Create them on the Demands page."));
        return;
    }
    int open = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QStandardItem* item = m_model->item(row, KeyColumn);
        if (item->checkState() == Qt::Checked && item->data(Qt::UserRole).toBool()) {
            ++open;
        }
    }
    const QStringList checked = checkedKeys();
    int added = 0;
    for (const QString& key : checked) {
        added += m_assigned.contains(key) ? 0 : 1;
    }
    int removed = 0;
    for (const QString& key : std::as_const(m_assigned)) {
        removed += checked.contains(key) ? 0 : 1;
    }
    QStringList parts{tr("%n demand(s) checked.", nullptr, int(checked.size()))};
    if (open > 0) {
        parts << tr("%n of them still open.", nullptr, open);
    }
    if (added > 0 || removed > 0) {
        parts << tr("OK adds %1 and removes %2.").arg(added).arg(removed);
    }
    m_summary->setText(parts.join(QLatin1Char(' ')));
}

} // namespace tp
