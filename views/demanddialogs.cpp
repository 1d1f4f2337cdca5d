#include "demanddialogs.h"

#include "enumlabels.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tp {

NewDemandDialog::NewDemandDialog(const QString& owner, const QStringList& planningVersions, QWidget* parent)
    : SavingDialog(parent)
    , m_title(new QLineEdit(this))
    , m_description(new QPlainTextEdit(this))
    , m_owner(new QLineEdit(owner, this))
    , m_priority(new QComboBox(this))
    , m_link(new QLineEdit(this))
    , m_version(new QComboBox(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("newDemandDialog"));
    setWindowTitle(tr("New demand"));
    m_title->setObjectName(QStringLiteral("demandTitleEdit"));
    m_title->setPlaceholderText(tr("What the product needs, in a few words"));
    m_description->setObjectName(QStringLiteral("demandDescriptionEdit"));
    m_description->setTabChangesFocus(true);
    m_owner->setObjectName(QStringLiteral("demandOwnerEdit"));
    m_priority->setObjectName(QStringLiteral("demandPriorityCombo"));
    for (Priority p : {Priority::P0, Priority::P1, Priority::P2, Priority::P3}) {
        m_priority->addItem(priorityLabel(p), int(p));
    }
    m_priority->setCurrentIndex(2);
    m_link->setObjectName(QStringLiteral("demandLinkEdit"));
    m_link->setPlaceholderText(tr("https://… (ticket or document)"));
    m_version->setObjectName(QStringLiteral("demandVersionCombo"));
    m_version->addItem(tr("No version yet"), QString());
    for (const QString& v : planningVersions) {
        m_version->addItem(v, v);
    }
    auto* form = new QFormLayout;
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("&Owner:"), m_owner);
    form->addRow(tr("&Priority:"), m_priority);
    form->addRow(tr("&Link:"), m_link);
    form->addRow(tr("Target &version:"), m_version);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(saveErrorLabel());
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SavingDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_title, &QLineEdit::textChanged, this, &NewDemandDialog::updateOk);
    updateOk();
    resize(520, sizeHint().height());
}

void NewDemandDialog::updateOk()
{
    QPushButton* ok = m_buttons->button(QDialogButtonBox::Ok);
    const bool hasTitle = !m_title->text().trimmed().isEmpty();
    ok->setEnabled(hasTitle);
    ok->setToolTip(hasTitle ? QString() : tr("A demand needs a title."));
}

Demand NewDemandDialog::demand() const
{
    Demand d;
    d.title = m_title->text().trimmed();
    d.description = m_description->toPlainText().trimmed();
    d.owner = m_owner->text().trimmed();
    d.priority = static_cast<Priority>(m_priority->currentData().toInt());
    d.externalLink = m_link->text().trimmed();
    if (const QString v = m_version->currentData().toString(); !v.isEmpty()) {
        d.targetVersions = {v};
    }
    return d;
}

} // namespace tp
