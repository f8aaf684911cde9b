// Package dunning is the rules of the dunning engine, with no I/O:
// segments that pick a scenario, the shipped scenarios, the calendar of
// allowed moments (quiet hours, Sundays, French public holidays), the
// guardrails (pauses, weekly cap, limitation) and the planner that
// decides, for one debtor on one day, which step goes out, when, about
// which invoices — or why nothing does.
package dunning
