// Package channel groups the outbound channels of the dunning engine:
// email over SMTP (package email), SMS through an HTTP provider (package
// sms) and registered letters (package post). Package smtptest is an SMTP
// server on 127.0.0.1 for the tests of those channels.
package channel
