import Foundation

/// The HTML of each page. Each function takes what the page shows and the request (for
/// language, viewer and CSRF token) and returns the whole document.
/// Each feature adds its pages in an `extension Pages` inside its own folder
/// (Plans/PlanPages.swift, Accounts/SignInPages.swift, …).
enum Pages {}
