// SPDX-License-Identifier: MIT
// objproc/core/time.hpp - UTC timestamps in the forms the signers need, constexpr and heap-free.
//
//   format_rfc1123(t)       "Sat, 21 Nov 2026 08:00:00 GMT"   HTTP Date, signed dates
//   format_iso8601_basic(t) "20261121T080000Z"                signed date headers
//   format_yyyymmdd(t)      "20261121"                        credential scopes
//   parse_rfc1123(s), parse_iso8601_basic(s)                  server Date, clock-skew correction
// Only years 0000..9999 fit these fixed-width forms; anything else is errc::year_out_of_range
// rather than a wrong date in a signature.
#ifndef OBJPROC_CORE_TIME_HPP
#define OBJPROC_CORE_TIME_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/chrono.hpp"  // std::chrono, lighter than <chrono> where possible
#include "objproc/core/fixed_string.hpp"
#include "objproc/core/result.hpp"

OBJPROC_NAMESPACE_BEGIN

/// A proleptic Gregorian date and a UTC time of day.
struct utc_time {
  std::int64_t year = 1970;
  unsigned month = 1;    // 1..12
  unsigned day = 1;      // 1..31
  unsigned hour = 0;     // 0..23
  unsigned minute = 0;   // 0..59
  unsigned second = 0;   // 0..59 (no leap seconds: sys_seconds has none)
  unsigned weekday = 4;  // 0 = Sunday .. 6 = Saturday

  friend constexpr bool operator==(const utc_time&, const utc_time&) noexcept = default;
};

namespace detail {

[[nodiscard]] constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  return a / b - (a % b != 0 && (a < 0) != (b < 0) ? 1 : 0);
}

// Days since 1970-01-01 for a civil date, and back: the era-based algorithm described by
// Howard Hinnant ("chrono-compatible low-level date algorithms"); valid for any int64 year
// that does not overflow.
[[nodiscard]] constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m,
                                                     unsigned d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = floor_div(y, 400);
  const auto yoe = static_cast<std::int64_t>(y - era * 400);                       // [0, 399]
  const auto mp = static_cast<std::int64_t>(m > 2 ? m - 3 : m + 9);                // [0, 11]
  const std::int64_t doy = (153 * mp + 2) / 5 + static_cast<std::int64_t>(d) - 1;  // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                  // [0, 146096]
  return era * 146097 + doe - 719468;
}

struct civil_date {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

[[nodiscard]] constexpr civil_date civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = floor_div(z, 146097);
  // Within an era every quantity is small and non-negative: unsigned 32-bit arithmetic, whose
  // divisions by constants are cheaper than signed 64-bit ones (a V1 signature formats a date).
  const auto doe = static_cast<std::uint32_t>(z - era * 146097);                    // [0, 146096]
  const std::uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const std::uint32_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

[[nodiscard]] constexpr unsigned days_in_month(std::int64_t y, unsigned m) noexcept {
  constexpr unsigned lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : lengths[m - 1];
}

inline constexpr std::string_view weekday_names[] = {"Sun", "Mon", "Tue", "Wed",
                                                     "Thu", "Fri", "Sat"};
inline constexpr std::string_view month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Writes v (0 <= v < 10^width, width <= 9: the callers check the year) as exactly `width`
// decimal digits at out[at], in unsigned 32-bit arithmetic (cheaper divisions).
template <std::size_t N>
constexpr void put_digits(fixed_string<N>& out, std::size_t at, std::int64_t v,
                          std::size_t width) noexcept {
  auto u = static_cast<std::uint32_t>(v);
  for (std::size_t i = width; i-- > 0; u /= 10) out[at + i] = static_cast<char>('0' + u % 10);
}

template <std::size_t N>
constexpr void put_text(fixed_string<N>& out, std::size_t at, std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size(); ++i) out[at + i] = s[i];
}

// Reads exactly `width` decimal digits at s[at]; -1 if any is not a digit.
[[nodiscard]] constexpr std::int64_t read_digits(std::string_view s, std::size_t at,
                                                 std::size_t width) noexcept {
  std::int64_t v = 0;
  for (std::size_t i = 0; i < width; ++i) {
    const char c = s[at + i];
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

[[nodiscard]] constexpr result<std::chrono::sys_seconds> from_fields(
    std::int64_t y, std::int64_t mo, std::int64_t d, std::int64_t h, std::int64_t mi,
    std::int64_t s, std::size_t field_offset) noexcept {
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, static_cast<unsigned>(mo)) || h > 23 ||
      mi > 59 || s > 59)
    return error{errc::invalid_date, field_offset, "no such date or time"};
  const std::int64_t days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  return std::chrono::sys_seconds{std::chrono::seconds{days * 86400 + h * 3600 + mi * 60 + s}};
}

}  // namespace detail

/// Splits a time point into UTC calendar fields.
[[nodiscard]] constexpr utc_time to_utc(std::chrono::sys_seconds t) noexcept {
  const std::int64_t secs = t.time_since_epoch().count();
  const std::int64_t days = detail::floor_div(secs, 86400);
  const std::int64_t rem = secs - days * 86400;
  const detail::civil_date date = detail::civil_from_days(days);
  utc_time u;
  u.year = date.year;
  u.month = date.month;
  u.day = date.day;
  u.hour = static_cast<unsigned>(rem / 3600);
  u.minute = static_cast<unsigned>(rem / 60 % 60);
  u.second = static_cast<unsigned>(rem % 60);
  u.weekday =
      static_cast<unsigned>(days - detail::floor_div(days + 4, 7) * 7 + 4);  // 1970-01-01: Thu
  return u;
}

namespace detail {

/// format_rfc1123 into `out`, for a signer that keeps the text: in place, since copying a
/// returned text reads its bytes right after they were stored one by one (a store-forwarding
/// stall on every V1 signature).
[[nodiscard]] constexpr result<void> write_rfc1123(std::chrono::sys_seconds t,
                                                   fixed_string<29>& out) noexcept {
  const utc_time u = to_utc(t);
  if (u.year < 0 || u.year > 9999)
    return error{errc::year_out_of_range, error::no_offset, "RFC 1123 needs a 4-digit year"};
  out = "Thu, 01 Jan 1970 00:00:00 GMT";
  put_text(out, 0, weekday_names[u.weekday]);
  put_digits(out, 5, u.day, 2);
  put_text(out, 8, month_names[u.month - 1]);
  put_digits(out, 12, u.year, 4);
  put_digits(out, 17, u.hour, 2);
  put_digits(out, 20, u.minute, 2);
  put_digits(out, 23, u.second, 2);
  return {};
}

}  // namespace detail

/// "Sat, 21 Nov 2026 08:00:00 GMT" (RFC 1123 / RFC 9110 IMF-fixdate).
[[nodiscard]] constexpr result<fixed_string<29>> format_rfc1123(
    std::chrono::sys_seconds t) noexcept {
  fixed_string<29> out;
  if (auto r = detail::write_rfc1123(t, out); !r) return r.error();
  return out;
}

/// "20261121T080000Z" (ISO 8601 basic format, UTC).
[[nodiscard]] constexpr result<fixed_string<16>> format_iso8601_basic(
    std::chrono::sys_seconds t) noexcept {
  const utc_time u = to_utc(t);
  if (u.year < 0 || u.year > 9999)
    return error{errc::year_out_of_range, error::no_offset, "ISO 8601 basic needs a 4-digit year"};
  fixed_string<16> out = "19700101T000000Z";
  detail::put_digits(out, 0, u.year, 4);
  detail::put_digits(out, 4, u.month, 2);
  detail::put_digits(out, 6, u.day, 2);
  detail::put_digits(out, 9, u.hour, 2);
  detail::put_digits(out, 11, u.minute, 2);
  detail::put_digits(out, 13, u.second, 2);
  return out;
}

/// "20261121" (the date of a credential scope).
[[nodiscard]] constexpr result<fixed_string<8>> format_yyyymmdd(
    std::chrono::sys_seconds t) noexcept {
  const utc_time u = to_utc(t);
  if (u.year < 0 || u.year > 9999)
    return error{errc::year_out_of_range, error::no_offset, "yyyymmdd needs a 4-digit year"};
  fixed_string<8> out = "19700101";
  detail::put_digits(out, 0, u.year, 4);
  detail::put_digits(out, 4, u.month, 2);
  detail::put_digits(out, 6, u.day, 2);
  return out;
}

/// Parses exactly "Www, DD Mon YYYY HH:MM:SS GMT"; the weekday must match the date. The error
/// offset is the first character that does not fit that shape.
[[nodiscard]] constexpr result<std::chrono::sys_seconds> parse_rfc1123(
    std::string_view s) noexcept {
  // '#' is a digit, '?' a letter checked below against the weekday and month names.
  constexpr std::string_view shape = "???, ## ??? #### ##:##:## GMT";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i == s.size()) return error{errc::invalid_date, i, "too short for an RFC 1123 date"};
    const bool ok =
        shape[i] == '#' ? s[i] >= '0' && s[i] <= '9' : shape[i] == '?' || s[i] == shape[i];
    if (!ok) return error{errc::invalid_date, i, "expected \"Www, DD Mon YYYY HH:MM:SS GMT\""};
  }
  if (s.size() != shape.size())
    return error{errc::invalid_date, shape.size(), "text after an RFC 1123 date"};
  std::int64_t month = 0;
  for (std::size_t m = 0; m < 12; ++m)
    if (s.substr(8, 3) == detail::month_names[m]) month = static_cast<std::int64_t>(m) + 1;
  if (month == 0) return error{errc::invalid_date, 8, "unknown month name"};
  auto t = detail::from_fields(detail::read_digits(s, 12, 4), month, detail::read_digits(s, 5, 2),
                               detail::read_digits(s, 17, 2), detail::read_digits(s, 20, 2),
                               detail::read_digits(s, 23, 2), 5);
  if (!t) return t;
  if (detail::weekday_names[to_utc(*t).weekday] != s.substr(0, 3))
    return error{errc::invalid_date, 0, "weekday does not match the date"};
  return t;
}

/// Parses exactly "YYYYMMDDTHHMMSSZ".
[[nodiscard]] constexpr result<std::chrono::sys_seconds> parse_iso8601_basic(
    std::string_view s) noexcept {
  if (s.size() != 16)
    return error{errc::invalid_date, s.size() < 16 ? s.size() : 16, "expected YYYYMMDDTHHMMSSZ"};
  if (s[8] != 'T') return error{errc::invalid_date, 8, "expected 'T'"};
  if (s[15] != 'Z') return error{errc::invalid_date, 15, "expected 'Z'"};
  for (std::size_t i = 0; i < 15; ++i)
    if (i != 8 && (s[i] < '0' || s[i] > '9'))
      return error{errc::invalid_date, i, "expected a digit"};
  return detail::from_fields(detail::read_digits(s, 0, 4), detail::read_digits(s, 4, 2),
                             detail::read_digits(s, 6, 2), detail::read_digits(s, 9, 2),
                             detail::read_digits(s, 11, 2), detail::read_digits(s, 13, 2), 4);
}

/// Parses "YYYY-MM-DDTHH:MM:SS" with optional ".fff" fraction (any digits, ignored) and a final
/// 'Z' (a server time in an error body, e.g. "2026-11-21T08:20:00.000Z").
[[nodiscard]] constexpr result<std::chrono::sys_seconds> parse_iso8601_extended(
    std::string_view s) noexcept {
  constexpr std::string_view shape = "####-##-##T##:##:##";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i == s.size()) return error{errc::invalid_date, i, "expected YYYY-MM-DDTHH:MM:SSZ"};
    const bool ok = shape[i] == '#' ? s[i] >= '0' && s[i] <= '9' : s[i] == shape[i];
    if (!ok) return error{errc::invalid_date, i, "expected YYYY-MM-DDTHH:MM:SSZ"};
  }
  std::size_t i = shape.size();
  if (i < s.size() && s[i] == '.') {
    const std::size_t first = ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == first) return error{errc::invalid_date, i, "expected fraction digits"};
  }
  if (i == s.size() || s[i] != 'Z') return error{errc::invalid_date, i, "expected 'Z'"};
  if (i + 1 != s.size()) return error{errc::invalid_date, i + 1, "text after the date"};
  return detail::from_fields(detail::read_digits(s, 0, 4), detail::read_digits(s, 5, 2),
                             detail::read_digits(s, 8, 2), detail::read_digits(s, 11, 2),
                             detail::read_digits(s, 14, 2), detail::read_digits(s, 17, 2), 5);
}

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CORE_TIME_HPP
