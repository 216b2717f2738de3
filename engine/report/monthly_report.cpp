// The monthly report's own rules on its data (monthly_report.h), shared by
// the hub's and the kiosk's fillers.
#include "monthly_report.h"

namespace kiosk::report {

void offer_hardest_question(MonthlyReport& report, QuestionLine question) {
    if (question.answers < report.min_answers) {
        ++report.questions_below_minimum;
        return;
    }
    if (report.hardest_questions.size() < kMaxHardestQuestions)
        report.hardest_questions.push_back(std::move(question));
}

} // namespace kiosk::report
