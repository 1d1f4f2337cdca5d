#pragma once

#include "demandservice.h"
#include "reviewservice.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QTabWidget;
class QTextBrowser;

namespace tp {

class CommentBox;
class PlanCatalog;

/// The selected demand on the Demands page, in two tabs. Review: its fields, the approvals it
/// still needs and why (each requirement ticked with who gave it, the levels it sets with the
/// steward's decision), the discussion of every round, and a box to comment on the demand.
/// Changes: the change set as readable diffs, each change with the comments made on it, and a
/// box to comment on the change chosen (or clicked). Comments go through the catalog, whose
/// reviewChanged() makes the page show the demand again.
class DemandReviewPanel : public QWidget {
    Q_OBJECT
public:
    /// The catalog must outlive the panel.
    explicit DemandReviewPanel(PlanCatalog* catalog, QWidget* parent = nullptr);

    /// Shows a demand with its change set and review state, or what kept them from being read.
    void showDemand(const Demand& demand, const Result<QList<ChangeDiff>>& changes, const Result<ReviewState>& state);
    /// Shows that no demand is selected.
    void showNothing();
    /// Enables the comment boxes as the acting user's role allows.
    void updatePermissions();

private:
    void renderReview(const Demand& demand, const Result<ReviewState>& state);
    void renderChanges(const Result<QList<ChangeDiff>>& changes);
    void commentOnDemand(const QString& text);
    void commentOnChange(const QString& text);
    void selectChange(const QUrl& anchor);

    PlanCatalog* m_catalog;
    QTabWidget* m_tabs;
    QTextBrowser* m_review;
    CommentBox* m_demandComment;
    QTextBrowser* m_changes;
    QComboBox* m_changeTarget;
    CommentBox* m_changeComment;
    QString m_key;              ///< of the demand shown, empty if none
    QList<Review> m_reviews;    ///< of the demand shown
    bool m_haveChanges = false; ///< the demand shown has changes one can comment on
};

} // namespace tp
