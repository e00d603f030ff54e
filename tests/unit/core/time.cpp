// SPDX-License-Identifier: MIT
// Tests objproc/core/time.hpp.
#include "objproc/core/time.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>

using namespace objproc;
using std::chrono::seconds;
using std::chrono::sys_seconds;

namespace {
sys_seconds at(std::int64_t unix_seconds) { return sys_seconds{seconds{unix_seconds}}; }
}  // namespace

TEST_CASE("formats match the vendors' signing vectors", "[core][time]") {
  // signing.json: the time and the date header the vendors' signers produced.
  CHECK(format_rfc1123(at(1672223261)).value() == "Wed, 28 Dec 2022 10:27:41 GMT");
  CHECK(format_rfc1123(at(1795248000)).value() == "Sat, 21 Nov 2026 08:00:00 GMT");
  CHECK(format_iso8601_basic(at(1702743657)).value() == "20231216T162057Z");
  CHECK(format_iso8601_basic(at(1702784856)).value() == "20231217T034736Z");
  CHECK(format_iso8601_basic(at(1795248000)).value() == "20261121T080000Z");
  CHECK(format_yyyymmdd(at(1702784856)).value() == "20231217");
  CHECK(format_rfc1123(at(0)).value() == "Thu, 01 Jan 1970 00:00:00 GMT");
  CHECK(format_rfc1123(at(-1)).value() == "Wed, 31 Dec 1969 23:59:59 GMT");
  CHECK(format_rfc1123(at(951782400)).value() == "Tue, 29 Feb 2000 00:00:00 GMT");
  CHECK(format_iso8601_basic(at(253402300799)).value() == "99991231T235959Z");
}

TEST_CASE("years outside 0000..9999 are refused, not wrapped", "[core][time]") {
  CHECK(format_rfc1123(at(253402300800)).error().code == errc::year_out_of_range);
  CHECK(format_iso8601_basic(at(-62167219201)).error().code == errc::year_out_of_range);
  CHECK(format_yyyymmdd(at(-62167219200)).value() == "00000101");
}

TEST_CASE("civil dates agree with a day-by-day count", "[core][time]") {
  // Walk every day from 1600-01-01 to 2400-12-31, counting by hand.
  std::int64_t y = 1600;
  unsigned m = 1;
  unsigned d = 1;
  std::int64_t days = detail::days_from_civil(1600, 1, 1);
  CHECK(detail::days_from_civil(1970, 1, 1) == 0);
  unsigned weekday = to_utc(at(days * 86400)).weekday;
  while (y <= 2400) {
    const auto c = detail::civil_from_days(days);
    REQUIRE(c.year == y);
    REQUIRE(c.month == m);
    REQUIRE(c.day == d);
    REQUIRE(detail::days_from_civil(y, m, d) == days);
    REQUIRE(to_utc(at(days * 86400 + 86399)).weekday == weekday);
    weekday = (weekday + 1) % 7;
    ++days;
    if (++d > detail::days_in_month(y, m)) {
      d = 1;
      if (++m > 12) {
        m = 1;
        ++y;
      }
    }
  }
}

TEST_CASE("parse is the inverse of format", "[core][time]") {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 20000; ++i) {
    const auto t = at(static_cast<std::int64_t>(rng() % 253402300800ULL));
    REQUIRE(parse_rfc1123(format_rfc1123(t).value().view()).value() == t);
    REQUIRE(parse_iso8601_basic(format_iso8601_basic(t).value().view()).value() == t);
  }
}

TEST_CASE("parsers are strict", "[core][time]") {
  struct bad {
    const char* text;
    std::size_t offset;
  };
  for (const bad& b :
       {bad{"Sat, 21 Nov 2026 08:00:00 GM", 28}, bad{"Sat,  21 Nov 2026 08:00:00 GMT", 5},
        bad{"Sat, 21 Nov 2026 08:00:00 UTC", 26}, bad{"Sat, 21 Nov 2026 08:00:00 GMTX", 29},
        bad{"Sat, 21 Nvv 2026 08:00:00 GMT", 8},
        bad{"Fri, 21 Nov 2026 08:00:00 GMT", 0},  // wrong weekday
        bad{"Sat, 31 Nov 2026 08:00:00 GMT", 5},  // no such day
        bad{"Sat, 21 Nov 2026 24:00:00 GMT", 5}, bad{"Sat, 2x Nov 2026 08:00:00 GMT", 6},
        bad{"Sat, 21 Nov 2026 08-00:00 GMT", 19}}) {
    INFO(b.text);
    const auto r = parse_rfc1123(b.text);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::invalid_date);
    CHECK(r.error().offset == b.offset);
  }
  CHECK(parse_iso8601_basic("20261121T080000").error().offset == 15);
  CHECK(parse_iso8601_basic("20261121 080000Z").error().offset == 8);
  CHECK(parse_iso8601_basic("2026112xT080000Z").error().offset == 7);
  CHECK(parse_iso8601_basic("20260229T080000Z").error().code == errc::invalid_date);
  CHECK(parse_iso8601_basic("20240229T080000Z").value() == at(1709193600));
}

TEST_CASE("time: ISO 8601 extended, as OSS writes <ServerTime>", "[core][time]") {
  CHECK(parse_iso8601_extended("2026-11-21T08:00:00.000Z").value() == at(1795248000));
  CHECK(parse_iso8601_extended("2026-11-21T08:00:00Z").value() == at(1795248000));
  CHECK(parse_iso8601_extended("2026-11-21T08:00:00.123456Z").value() == at(1795248000));
  CHECK(parse_iso8601_extended("2024-02-29T00:00:00Z").value() == at(1709164800));
  const struct {
    std::string_view text;
    std::size_t offset;
  } bad[] = {{"", 0},
             {"2026-11-21", 10},
             {"2026/11/21T08:00:00Z", 4},
             {"2026-11-21T08:00:00", 19},
             {"2026-11-21T08:00:00.Z", 20},
             {"2026-11-21T08:00:00Zx", 20},
             {"2026-13-21T08:00:00Z", 5},
             {"2026-02-29T08:00:00Z", 5}};
  for (const auto& b : bad) {
    INFO(b.text);
    const auto r = parse_iso8601_extended(b.text);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::invalid_date);
    CHECK(r.error().offset == b.offset);
  }
}
