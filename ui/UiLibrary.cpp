// The dashboard's views, models and dialogs land here with the dashboard issue.
namespace salvo::ui { }
