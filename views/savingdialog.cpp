#include "savingdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>

namespace tp {

SavingDialog::SavingDialog(QWidget* parent)
    : QDialog(parent)
    , m_error(new QLabel(this))
{
    m_error->setObjectName(QStringLiteral("saveError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #cf222e;"));
    m_error->hide();
    // Ctrl+S saves, as OK does (and only when OK is enabled: nothing invalid is saved).
    auto* save = new QShortcut(QKeySequence::Save, this);
    connect(save, &QShortcut::activated, this, [this] {
        if (auto* box = findChild<QDialogButtonBox*>()) {
            if (QPushButton* ok = box->button(QDialogButtonBox::Ok)) {
                ok->click();
            }
        }
    });
}

QString SavingDialog::saveError() const
{
    return m_error->isVisible() || !m_error->text().isEmpty() ? m_error->text() : QString();
}

void SavingDialog::accept()
{
    if (m_save) {
        const QString error = m_save();
        if (!error.isEmpty()) {
            m_error->setText(tr("Not saved: %1\nYour edits are still here; press OK to try again.").arg(error));
            m_error->show();
            return;
        }
    }
    m_error->clear();
    m_error->hide();
    QDialog::accept();
}

} // namespace tp
