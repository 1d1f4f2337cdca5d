#include "demandreviewpanel.h"

#include "commentbox.h"
#include "demandhtml.h"
#include "enums.h"
#include "plancatalog.h"
#include "richtext.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace tp {
namespace {

enum Tab { ReviewTab, ChangesTab };

const QString kExtraStyle =
    QStringLiteral("<style>blockquote { margin: 2px 0 10px 18px; } a { text-decoration: none; }</style>");

} // namespace

DemandReviewPanel::DemandReviewPanel(PlanCatalog* catalog, QWidget* parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_tabs(new QTabWidget(this))
    , m_review(new QTextBrowser(this))
    , m_demandComment(
          new CommentBox(QStringLiteral("demandCommentEdit"), QStringLiteral("addDemandCommentButton"), this))
    , m_changes(new QTextBrowser(this))
    , m_changeTarget(new QComboBox(this))
    , m_changeComment(
          new CommentBox(QStringLiteral("changeCommentEdit"), QStringLiteral("addChangeCommentButton"), this))
{
    setObjectName(QStringLiteral("demandReviewPanel"));
    m_tabs->setObjectName(QStringLiteral("demandDetailTabs"));
    m_tabs->setDocumentMode(true);

    m_review->setObjectName(QStringLiteral("demandDetail"));
    m_review->setOpenExternalLinks(true);
    m_demandComment->setPlaceholderText(tr("Comment on the demand…"));
    auto* reviewTab = new QWidget(this);
    auto* reviewLayout = new QVBoxLayout(reviewTab);
    reviewLayout->setContentsMargins(0, 4, 0, 4);
    reviewLayout->addWidget(m_review, 1);
    reviewLayout->addWidget(m_demandComment);
    m_tabs->addTab(reviewTab, tr("Review"));

    m_changes->setObjectName(QStringLiteral("changeSetView"));
    m_changes->setOpenLinks(false); // "change:…" anchors choose the change to comment on
    m_changeTarget->setObjectName(QStringLiteral("commentChangeCombo"));
    m_changeTarget->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_changeComment->setPlaceholderText(tr("Comment on the chosen change…"));
    auto* target = new QHBoxLayout;
    auto* targetLabel = new QLabel(tr("C&omment on:"), this);
    targetLabel->setBuddy(m_changeTarget);
    target->addWidget(targetLabel);
    target->addWidget(m_changeTarget, 1);
    auto* changesTab = new QWidget(this);
    auto* changesLayout = new QVBoxLayout(changesTab);
    changesLayout->setContentsMargins(0, 4, 0, 4);
    changesLayout->addWidget(m_changes, 1);
    changesLayout->addLayout(target);
    changesLayout->addWidget(m_changeComment);
    m_tabs->addTab(changesTab, tr("Changes"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    connect(m_demandComment, &CommentBox::submitted, this, &DemandReviewPanel::commentOnDemand);
    connect(m_changeComment, &CommentBox::submitted, this, &DemandReviewPanel::commentOnChange);
    connect(m_changes, &QTextBrowser::anchorClicked, this, &DemandReviewPanel::selectChange);
    showNothing();
}

void DemandReviewPanel::showNothing()
{
    m_key.clear();
    m_reviews.clear();
    m_haveChanges = false;
    m_review->setHtml(DemandHtml::hint(tr("Select a demand to see its review and its change set."), palette()));
    m_changes->setHtml(DemandHtml::hint(tr("Select a demand to see its change set."), palette()));
    m_changeTarget->clear();
    m_tabs->setTabText(ReviewTab, tr("Review"));
    m_tabs->setTabText(ChangesTab, tr("Changes"));
    updatePermissions();
}

void DemandReviewPanel::showDemand(const Demand& demand, const Result<QList<ChangeDiff>>& changes,
                                   const Result<ReviewState>& state)
{
    const bool same = demand.key == m_key;
    if (!same) {
        m_demandComment->clear();
        m_changeComment->clear();
    }
    m_key = demand.key;
    m_reviews = state ? state->reviews : QList<Review>();
    // Shown again after a comment: the reader stays where they were.
    const int reviewPosition = same ? m_review->verticalScrollBar()->value() : 0;
    renderReview(demand, state);
    m_review->verticalScrollBar()->setValue(reviewPosition);
    const int changesPosition = same ? m_changes->verticalScrollBar()->value() : 0;
    renderChanges(changes);
    m_changes->verticalScrollBar()->setValue(changesPosition);
    updatePermissions();
}

void DemandReviewPanel::renderReview(const Demand& demand, const Result<ReviewState>& state)
{
    QString html = richtext::style(palette()) + kExtraStyle + DemandHtml::fields(demand);
    int missing = 0;
    if (!state) {
        html += QStringLiteral("<p><span class='removed'>%1</span></p>")
                    .arg(richtext::esc(tr("The review cannot be read: %1").arg(state.error().message)));
    } else {
        html += DemandHtml::approvals(*state);
        html += DemandHtml::discussion(state->reviews, state->round);
        const bool open = demand.status == DemandStatus::InReview || demand.status == DemandStatus::Approved;
        missing = open ? int(state->missing().size()) : 0;
    }
    m_review->setHtml(html);
    m_tabs->setTabText(ReviewTab, missing > 0 ? tr("Review (%n missing)", nullptr, missing) : tr("Review"));
}

void DemandReviewPanel::renderChanges(const Result<QList<ChangeDiff>>& changes)
{
    const QString previous = m_changeTarget->currentData().toString();
    m_changeTarget->clear();
    QString html = richtext::style(palette()) + kExtraStyle;
    if (!changes) {
        html += QStringLiteral("<p><span class='removed'>%1</span></p>")
                    .arg(richtext::esc(tr("The change set cannot be read: %1").arg(changes.error().message)));
        m_haveChanges = false;
        m_changes->setHtml(html);
        m_tabs->setTabText(ChangesTab, tr("Changes"));
        return;
    }
    html += QStringLiteral("<h3>%1</h3>").arg(richtext::esc(tr("Changes (%1)").arg(changes->size())));
    if (changes->isEmpty()) {
        html += QStringLiteral("<p><span class='dim'>%1</span></p>").arg(richtext::esc(tr("No changes yet.")));
    }
    for (const ChangeDiff& diff : *changes) {
        const Change& c = diff.change;
        const QList<Review> comments = DemandHtml::commentsOn(m_reviews, c.kind, c.entityKey);
        html += DemandHtml::change(diff, comments);
        const QString label = comments.isEmpty()
            ? tr("%1 %2").arg(DemandHtml::kindText(c.kind), c.entityKey)
            : tr("%1 %2 (%n comment(s))", nullptr, int(comments.size())).arg(DemandHtml::kindText(c.kind), c.entityKey);
        m_changeTarget->addItem(label, QStringLiteral("%1:%2").arg(toString(c.kind), c.entityKey));
    }
    m_haveChanges = !changes->isEmpty();
    if (const int again = m_changeTarget->findData(previous); again >= 0) {
        m_changeTarget->setCurrentIndex(again);
    }
    m_changes->setHtml(html);
    m_tabs->setTabText(ChangesTab, tr("Changes (%1)").arg(changes->size()));
}

void DemandReviewPanel::updatePermissions()
{
    QString denied = m_catalog->deniedReason(Permission::Comment);
    if (denied.isEmpty() && m_key.isEmpty()) {
        denied = tr("Select a demand first.");
    }
    m_demandComment->setDenied(denied);
    if (denied.isEmpty() && !m_haveChanges) {
        denied = tr("This demand has no changes to comment on.");
    }
    m_changeComment->setDenied(denied);
    m_changeTarget->setEnabled(m_haveChanges);
}

void DemandReviewPanel::commentOnDemand(const QString& text)
{
    const QString key = m_key;
    auto added = m_catalog->commentDemand(key, text);
    if (!added) {
        m_demandComment->showError(added.error().message);
        return;
    }
    m_demandComment->clear(); // the page shows the demand again (reviewChanged)
    m_review->verticalScrollBar()->setValue(m_review->verticalScrollBar()->maximum()); // the new comment
}

void DemandReviewPanel::commentOnChange(const QString& text)
{
    const QString target = m_changeTarget->currentData().toString();
    const auto kind = fromString<EntityKind>(target.section(QLatin1Char(':'), 0, 0));
    if (!kind) {
        m_changeComment->showError(tr("Choose the change to comment on."));
        return;
    }
    auto added = m_catalog->commentDemand(m_key, text, kind, target.section(QLatin1Char(':'), 1));
    if (!added) {
        m_changeComment->showError(added.error().message);
        return;
    }
    m_changeComment->clear();
}

void DemandReviewPanel::selectChange(const QUrl& anchor)
{
    if (anchor.scheme() != QLatin1String("change")) {
        return;
    }
    if (const int index = m_changeTarget->findData(anchor.path()); index >= 0) {
        m_changeTarget->setCurrentIndex(index);
        if (auto* edit = m_changeComment->findChild<QWidget*>(QStringLiteral("changeCommentEdit"))) {
            edit->setFocus(Qt::OtherFocusReason);
        }
    }
}

} // namespace tp
