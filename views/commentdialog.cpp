#include "commentdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tp {

CommentDialog::CommentDialog(const QString& title, const QString& intro, const QString& okText, QWidget* parent)
    : SavingDialog(parent)
    , m_comment(new QPlainTextEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(title);
    auto* text = new QLabel(intro, this);
    text->setObjectName(QStringLiteral("commentIntro"));
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* label = new QLabel(tr("&Comment (kept with the history):"), this);
    label->setBuddy(m_comment);
    m_comment->setObjectName(QStringLiteral("commentEdit"));
    m_comment->setTabChangesFocus(true);
    m_comment->setMinimumHeight(fontMetrics().height() * 4);
    m_buttons->button(QDialogButtonBox::Ok)->setText(okText);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("commentOkButton"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(label);
    layout->addWidget(m_comment, 1);
    layout->addWidget(saveErrorLabel());
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SavingDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_comment, &QPlainTextEdit::textChanged, this, &CommentDialog::updateOk);
    m_comment->setFocus();
    resize(520, sizeHint().height());
}

void CommentDialog::setCommentRequired(bool required)
{
    m_required = required;
    updateOk();
}

QString CommentDialog::comment() const
{
    return m_comment->toPlainText().trimmed();
}

void CommentDialog::updateOk()
{
    QPushButton* ok = m_buttons->button(QDialogButtonBox::Ok);
    const bool enough = !m_required || !comment().isEmpty();
    ok->setEnabled(enough);
    ok->setToolTip(enough ? QString() : tr("Say why: the comment is required here."));
}

} // namespace tp
