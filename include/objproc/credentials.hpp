// SPDX-License-Identifier: MIT
// objproc/credentials.hpp - where keys come from: owned credentials, the environment variables
// the vendors' own samples read, and the concept a user's provider (STS refresh, a vault)
// models.
//
//   auto oss_keys = objproc::oss_environment_credentials();   // OSS_ACCESS_KEY_ID ...
//   auto cos_keys = objproc::cos_environment_credentials();   // COS_SECRET_ID ... or
//                                                             // TENCENTCLOUD_SECRET_ID ...
//   oss::v4_signer{}.sign(request, oss_keys->oss(), now, crypto);
//
// Requirements on a provider P (credentials_provider<P>): `p.get()` returns
// result<owned_credentials> (fresh keys, e.g. after an STS refresh); it may be called from the
// thread that signs, so it must be thread-safe if shared. Exemplar:
// tests/archetypes/credentials_provider.hpp.
//
// Secrets never appear in output: owned_credentials has no to_string, and its description()
// shows the key id and whether a token is set, never the secret or the token.
#ifndef OBJPROC_CREDENTIALS_HPP
#define OBJPROC_CREDENTIALS_HPP

#include <concepts>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

#include "objproc/config.hpp"
#include "objproc/core/result.hpp"
#include "objproc/cos/credentials.hpp"
#include "objproc/cos/fields.hpp"
#include "objproc/oss/credentials.hpp"
#include "objproc/oss/fields.hpp"

OBJPROC_NAMESPACE_BEGIN

/// Keys that own their strings (the signers take views: oss() / cos()).
class owned_credentials {
 public:
  owned_credentials() = default;
  owned_credentials(std::string key_id, std::string secret, std::string token = {})
      : key_id_(std::move(key_id)), secret_(std::move(secret)), token_(std::move(token)) {}

  [[nodiscard]] oss::credentials oss() const noexcept {
    return {.access_key_id = key_id_, .access_key_secret = secret_, .security_token = token_};
  }
  [[nodiscard]] cos::credentials cos() const noexcept {
    return {.secret_id = key_id_, .secret_key = secret_, .session_token = token_};
  }
  [[nodiscard]] std::string_view key_id() const noexcept { return key_id_; }
  [[nodiscard]] bool has_token() const noexcept { return !token_.empty(); }
  /// "key id LTAI5t..., with a security token": safe to log.
  [[nodiscard]] std::string description() const {
    return "key id " + key_id_ + (token_.empty() ? "" : ", with a security token");
  }

  friend bool operator==(const owned_credentials&, const owned_credentials&) = default;

 private:
  std::string key_id_;
  std::string secret_;
  std::string token_;
};

/// A source of credentials the client asks before signing.
template <class P>
concept credentials_provider = requires(P& p) {
  { p.get() } -> std::same_as<result<owned_credentials>>;
};

/// Fixed keys, as a provider.
class static_credentials {
 public:
  explicit static_credentials(owned_credentials keys) : keys_(std::move(keys)) {}
  [[nodiscard]] result<owned_credentials> get() const { return keys_; }

 private:
  owned_credentials keys_;
};
static_assert(credentials_provider<static_credentials>,
              "objproc::static_credentials must model credentials_provider");

/// errc::invalid_credentials when `text` (a key id, secret or token; `what`, a string literal,
/// is the error's detail) holds a
/// control character (below 0x20, or DEL): a pasted line break, a NUL. No offset and no text in
/// the error: it would locate a secret.
[[nodiscard]] constexpr result<void> check_credential_text(std::string_view text,
                                                           std::string_view what) noexcept {
  for (const char c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      return error{errc::invalid_credentials, error::no_offset, what};
  return {};
}

namespace detail {
[[nodiscard]] inline std::string_view environment(const char* name) noexcept {
  const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read-only use
  return value == nullptr ? std::string_view{} : std::string_view(value);
}
}  // namespace detail

/// OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET and optional OSS_SESSION_TOKEN (as the OSS SDKs'
/// samples read them). A missing or empty id or secret is errc::missing_credentials naming the
/// variable; a control character in any of them is errc::invalid_credentials naming it.
[[nodiscard]] inline result<owned_credentials> oss_environment_credentials() {
  const std::string_view id = detail::environment("OSS_ACCESS_KEY_ID");
  const std::string_view secret = detail::environment("OSS_ACCESS_KEY_SECRET");
  if (id.empty())
    return error{errc::missing_credentials, error::no_offset, "OSS_ACCESS_KEY_ID is not set"}
        .in_field(oss::fields::access_key_id);
  if (secret.empty())
    return error{errc::missing_credentials, error::no_offset, "OSS_ACCESS_KEY_SECRET is not set"}
        .in_field(oss::fields::access_key_secret);
  const std::string_view token = detail::environment("OSS_SESSION_TOKEN");
  if (auto r = check_credential_text(id, "control character in OSS_ACCESS_KEY_ID"); !r)
    return r.error().in_field(oss::fields::access_key_id);
  if (auto r = check_credential_text(secret, "control character in OSS_ACCESS_KEY_SECRET"); !r)
    return r.error().in_field(oss::fields::access_key_secret);
  if (auto r = check_credential_text(token, "control character in OSS_SESSION_TOKEN"); !r)
    return r.error().in_field(oss::fields::security_token);
  return owned_credentials(std::string(id), std::string(secret), std::string(token));
}

/// COS_SECRET_ID, COS_SECRET_KEY and optional COS_SESSION_TOKEN; when COS_SECRET_ID is unset,
/// TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and TENCENTCLOUD_SESSION_TOKEN (one family is
/// used whole: an id from one and a key from the other would never sign correctly).
[[nodiscard]] inline result<owned_credentials> cos_environment_credentials() {
  const bool cos_family = !detail::environment("COS_SECRET_ID").empty();
  const char* id_name = cos_family ? "COS_SECRET_ID" : "TENCENTCLOUD_SECRET_ID";
  const char* key_name = cos_family ? "COS_SECRET_KEY" : "TENCENTCLOUD_SECRET_KEY";
  const char* token_name = cos_family ? "COS_SESSION_TOKEN" : "TENCENTCLOUD_SESSION_TOKEN";
  const std::string_view id = detail::environment(id_name);
  const std::string_view key = detail::environment(key_name);
  if (id.empty())
    return error{errc::missing_credentials, error::no_offset,
                 "neither COS_SECRET_ID nor TENCENTCLOUD_SECRET_ID is set"}
        .in_field(cos::fields::secret_id);
  if (key.empty())
    return error{errc::missing_credentials, error::no_offset,
                 cos_family ? "COS_SECRET_KEY is not set" : "TENCENTCLOUD_SECRET_KEY is not set"}
        .in_field(cos::fields::secret_key);
  const std::string_view token = detail::environment(token_name);
  if (auto r =
          check_credential_text(id, cos_family ? "control character in COS_SECRET_ID"
                                               : "control character in TENCENTCLOUD_SECRET_ID");
      !r)
    return r.error().in_field(cos::fields::secret_id);
  if (auto r =
          check_credential_text(key, cos_family ? "control character in COS_SECRET_KEY"
                                                : "control character in TENCENTCLOUD_SECRET_KEY");
      !r)
    return r.error().in_field(cos::fields::secret_key);
  if (auto r = check_credential_text(
          token, cos_family ? "control character in COS_SESSION_TOKEN"
                            : "control character in TENCENTCLOUD_SESSION_TOKEN");
      !r)
    return r.error().in_field(cos::fields::session_token);
  return owned_credentials(std::string(id), std::string(key), std::string(token));
}

/// The environment, as providers (read on every get(): a rotated variable is picked up).
struct oss_environment_provider {
  [[nodiscard]] result<owned_credentials> get() const { return oss_environment_credentials(); }
};
struct cos_environment_provider {
  [[nodiscard]] result<owned_credentials> get() const { return cos_environment_credentials(); }
};
static_assert(credentials_provider<oss_environment_provider>,
              "objproc::oss_environment_provider must model credentials_provider");

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CREDENTIALS_HPP
