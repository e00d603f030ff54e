// SPDX-License-Identifier: MIT
// Tests objproc/credentials.hpp: environment variables as the vendors' samples read them.
#include "objproc/credentials.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include "archetypes/credentials_provider.hpp"

using objproc::errc;

namespace {
// Sets (or, with nullptr, unsets) variables for one test and restores them afterwards.
class scoped_env {
 public:
  scoped_env(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old, had_ = true;
    if (value != nullptr)
      ::setenv(name, value, 1);
    else
      ::unsetenv(name);
  }
  ~scoped_env() {
    if (had_)
      ::setenv(name_, old_.c_str(), 1);
    else
      ::unsetenv(name_);
  }
  scoped_env(const scoped_env&) = delete;
  scoped_env& operator=(const scoped_env&) = delete;

 private:
  const char* name_;
  std::string old_;
  bool had_ = false;
};
}  // namespace

TEST_CASE("OSS keys from the environment", "[credentials]") {
  scoped_env id("OSS_ACCESS_KEY_ID", "LTAI5tExampleAK");
  scoped_env secret("OSS_ACCESS_KEY_SECRET", "ExampleSecretKey123");
  scoped_env token("OSS_SESSION_TOKEN", nullptr);
  auto keys = objproc::oss_environment_credentials();
  REQUIRE(keys.has_value());
  CHECK(keys->oss().access_key_id == "LTAI5tExampleAK");
  CHECK(keys->oss().access_key_secret == "ExampleSecretKey123");
  CHECK_FALSE(keys->has_token());
  CHECK(keys->description().find("ExampleSecretKey123") == std::string::npos);
  {
    scoped_env with_token("OSS_SESSION_TOKEN", "sts-token");
    CHECK(objproc::oss_environment_credentials()->oss().security_token == "sts-token");
    CHECK(objproc::oss_environment_credentials()->description().find("sts-token") ==
          std::string::npos);
  }
  {
    scoped_env empty("OSS_ACCESS_KEY_SECRET", "");
    const auto missing = objproc::oss_environment_credentials();
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().code == errc::missing_credentials);
    CHECK(missing.error().detail == "OSS_ACCESS_KEY_SECRET is not set");
  }
  scoped_env unset("OSS_ACCESS_KEY_ID", nullptr);
  CHECK(objproc::oss_environment_credentials().error().detail == "OSS_ACCESS_KEY_ID is not set");
}

TEST_CASE("COS keys from COS_* or, failing that, TENCENTCLOUD_*", "[credentials]") {
  scoped_env cos_id("COS_SECRET_ID", nullptr);
  scoped_env cos_key("COS_SECRET_KEY", nullptr);
  scoped_env cos_token("COS_SESSION_TOKEN", nullptr);
  scoped_env tc_id("TENCENTCLOUD_SECRET_ID", "AKIDtencent");
  scoped_env tc_key("TENCENTCLOUD_SECRET_KEY", "tencent-secret");
  scoped_env tc_token("TENCENTCLOUD_SESSION_TOKEN", "tc-token");
  auto fallback = objproc::cos_environment_credentials();
  REQUIRE(fallback.has_value());
  CHECK(fallback->cos().secret_id == "AKIDtencent");
  CHECK(fallback->cos().session_token == "tc-token");
  {
    scoped_env id("COS_SECRET_ID", "AKIDcos");
    scoped_env key("COS_SECRET_KEY", "cos-secret");
    auto primary = objproc::cos_environment_credentials();
    REQUIRE(primary.has_value());
    CHECK(primary->cos().secret_id == "AKIDcos");
    CHECK(primary->cos().secret_key == "cos-secret");
    CHECK(primary->cos().session_token.empty());  // one family whole: no TENCENTCLOUD token
  }
  {
    scoped_env id("COS_SECRET_ID", "AKIDcos");  // an id without its key: refused, not mixed
    CHECK(objproc::cos_environment_credentials().error().detail == "COS_SECRET_KEY is not set");
  }
  scoped_env none("TENCENTCLOUD_SECRET_ID", nullptr);
  CHECK(objproc::cos_environment_credentials().error().code == errc::missing_credentials);
}

TEST_CASE("providers", "[credentials]") {
  archetypes::credentials_provider archetype(0);
  CHECK(archetype.get()->key_id() == "archetype-id");
  CHECK(archetype.calls == 1);
  objproc::static_credentials fixed(objproc::owned_credentials("id", "secret"));
  CHECK(fixed.get()->cos().secret_key == "secret");
  STATIC_REQUIRE(objproc::credentials_provider<objproc::cos_environment_provider>);
}

TEST_CASE("control characters in keys from the environment are refused, naming the variable",
          "[credentials]") {
  scoped_env id("OSS_ACCESS_KEY_ID", "LTAI5tExampleAK");
  scoped_env token("OSS_SESSION_TOKEN", nullptr);
  {
    scoped_env secret("OSS_ACCESS_KEY_SECRET", "Example\nSecret");
    const auto refused = objproc::oss_environment_credentials();
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == errc::invalid_credentials);
    CHECK(refused.error().detail == "control character in OSS_ACCESS_KEY_SECRET");
    CHECK(refused.error().offset == objproc::error::no_offset);  // never locates a secret
    CHECK(refused.error().field == objproc::oss::fields::access_key_secret);  // a name, not the value
  }
  scoped_env secret("OSS_ACCESS_KEY_SECRET", "ExampleSecretKey123");
  {
    scoped_env bad("OSS_SESSION_TOKEN", "tok\x1b[2J");
    CHECK(objproc::oss_environment_credentials().error().detail ==
          "control character in OSS_SESSION_TOKEN");
    CHECK(objproc::oss_environment_credentials().error().field == "security_token");
  }
  scoped_env cos_id("COS_SECRET_ID", "AKID\tExample");
  scoped_env cos_key("COS_SECRET_KEY", "k");
  CHECK(objproc::cos_environment_credentials().error().detail ==
        "control character in COS_SECRET_ID");
  CHECK(objproc::cos_environment_credentials().error().field == objproc::cos::fields::secret_id);
  CHECK(objproc::check_credential_text("a\x7f", "x").error().code == errc::invalid_credentials);
  CHECK(objproc::check_credential_text("visible", "x").has_value());
}
