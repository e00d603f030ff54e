// SPDX-License-Identifier: MIT
// objproc/core/result.hpp - errc, error and result<T>: how every fallible call reports.
//
// The core never throws. A fallible function returns result<T>, shaped like the std::expected
// subset (has_value, value, error, operator*, operator->, value_or, and_then, transform), so a
// later switch to std::expected is mechanical. An error is a small trivially copyable value:
// a code named like a message, the byte offset into the input where one applies, a short static
// detail (never user data, never a secret) and, for adapters, the provider's own code.
#ifndef OBJPROC_CORE_RESULT_HPP
#define OBJPROC_CORE_RESULT_HPP

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

// std::construct_at (the only way to change a union's active member in a constant expression)
// is declared in <memory>, which costs every includer about 0.6-0.9x <string> more (unique_ptr's
// operator<< pulls in <ostream>). libstdc++ 12 already declares it with <string> (through its
// allocator traits), so with that release, the one verified, the checked-literal headers skip
// <memory>; any other library or release includes it.
#if !(defined(_GLIBCXX_RELEASE) && _GLIBCXX_RELEASE == 12)
#  include <memory>  // construct_at
#endif

#include "objproc/config.hpp"

#if OBJPROC_USE_EXCEPTIONS
#  include <exception>
#endif

OBJPROC_NAMESPACE_BEGIN

// Every error code, once: identifier and message. Kept as one list so the enum, its names and
// the compile-time diagnostics (one function per code, see core/diagnostic.hpp) cannot drift.
#define OBJPROC_DETAIL_ERRC_LIST(X)                               \
  /* generic */                                                   \
  X(invalid_argument, "invalid argument")                         \
  X(value_out_of_range, "value out of range")                     \
  X(buffer_too_small, "buffer too small")                         \
  /* text decoding (core/text.hpp) */                             \
  X(invalid_character, "invalid character")                       \
  X(invalid_padding, "invalid padding")                           \
  X(non_canonical_encoding, "non-canonical encoding")             \
  X(truncated_input, "truncated input")                           \
  X(invalid_percent_encoding, "invalid percent-encoding")         \
  X(invalid_utf8, "invalid UTF-8")                                \
  /* time (core/time.hpp) */                                      \
  X(invalid_date, "invalid date")                                 \
  X(year_out_of_range, "year out of range")                       \
  /* processing strings: each vendor's grammars and directives */ \
  X(empty_style, "empty style")                                   \
  X(style_too_long, "style too long")                             \
  X(unknown_service, "unknown service")                           \
  X(unknown_operation, "unknown operation")                       \
  X(empty_operation, "empty operation")                           \
  X(misplaced_operation, "operation not allowed here")            \
  X(unknown_parameter, "unknown parameter")                       \
  X(duplicate_parameter, "duplicate parameter")                   \
  X(missing_parameter, "missing parameter")                       \
  X(conflicting_parameters, "conflicting parameters")             \
  X(missing_value, "missing value")                               \
  X(unexpected_value, "unexpected value")                         \
  X(invalid_number, "invalid number")                             \
  X(invalid_enum_value, "invalid enum value")                     \
  X(invalid_base64_value, "invalid base64 value")                 \
  X(invalid_color, "invalid color")                               \
  X(invalid_dimensions, "invalid dimensions")                     \
  X(text_too_long, "text too long")                               \
  X(invalid_style_name, "invalid style name")                     \
  X(invalid_system_part, "invalid system part")                   \
  X(mixed_services, "mixed services")                             \
  X(too_many_rules, "too many rules")                             \
  X(sync_only_operation, "operation is synchronous only")         \
  X(async_only_operation, "operation is asynchronous only")       \
  X(saving_not_allowed, "saving the result not allowed here")     \
  X(saving_required, "the result must be saved")                  \
  X(notification_not_allowed, "notification not allowed here")    \
  X(notification_required, "notification required")               \
  X(invalid_bucket_name, "invalid bucket name")                   \
  X(invalid_object_key, "invalid object key")                     \
  /* JSON (core/json.hpp, and the documents read with it) */      \
  X(invalid_json, "invalid JSON")                                 \
  X(json_too_deep, "JSON nested too deeply")                      \
  X(duplicate_key, "duplicate key")                               \
  X(unknown_key, "unknown key")                                   \
  X(missing_key, "missing key")                                   \
  X(wrong_type, "wrong type")                                     \
  /* crypto providers and transport adapters */                   \
  X(crypto_failed, "crypto provider failed")                      \
  X(transport_failed, "transport failed")                         \
  X(connection_failed, "connection failed, request not sent")     \
  X(timed_out, "timed out")                                       \
  X(response_truncated, "response truncated")                     \
  X(cancelled, "operation cancelled")                             \
  X(service_error, "the service returned an error")               \
  X(missing_credentials, "missing credentials")                   \
  X(invalid_header_name, "invalid header name")                   \
  X(invalid_header_value, "invalid header value")                 \
  X(duplicate_header, "duplicate header")                         \
  X(invalid_credentials, "invalid credentials")                   \
  X(invalid_region, "invalid region")                             \
  X(invalid_query_parameter, "invalid query parameter")           \
  X(signing_key_mismatch, "signing key does not match")           \
  X(invalid_host, "invalid host")                                 \
  X(invalid_path, "invalid path")                                 \
  X(invalid_scheme, "invalid URL scheme")                         \
  X(invalid_http_response, "invalid HTTP response")               \
  X(invalid_xml, "invalid XML")                                   \
  X(xml_too_deep, "XML nested too deeply")

/// What went wrong. Each name reads as the message a user sees.
enum class errc : std::uint16_t {
#define OBJPROC_DETAIL_ERRC_ENUMERATOR(id, text) id,
  none = 0,  // "no error": never the code of an objproc::error
  OBJPROC_DETAIL_ERRC_LIST(OBJPROC_DETAIL_ERRC_ENUMERATOR)
#undef OBJPROC_DETAIL_ERRC_ENUMERATOR
};

/// Every error code, in declaration order (for tables, tests and tools).
inline constexpr errc all_errc[] = {
#define OBJPROC_DETAIL_ERRC_ITEM(id, text) errc::id,
    OBJPROC_DETAIL_ERRC_LIST(OBJPROC_DETAIL_ERRC_ITEM)
#undef OBJPROC_DETAIL_ERRC_ITEM
};

/// The human-readable message of a code: "invalid padding".
[[nodiscard]] constexpr std::string_view to_string(errc code) noexcept {
  switch (code) {
#define OBJPROC_DETAIL_ERRC_TEXT(id, text) \
  case errc::id:                           \
    return text;
    OBJPROC_DETAIL_ERRC_LIST(OBJPROC_DETAIL_ERRC_TEXT)
#undef OBJPROC_DETAIL_ERRC_TEXT
    case errc::none:
      break;
  }
  return "unknown error";
}

/// The stable identifier of a code, for machine-readable output: "invalid_padding".
[[nodiscard]] constexpr std::string_view name(errc code) noexcept {
  switch (code) {
#define OBJPROC_DETAIL_ERRC_NAME(id, text) \
  case errc::id:                           \
    return #id;
    OBJPROC_DETAIL_ERRC_LIST(OBJPROC_DETAIL_ERRC_NAME)
#undef OBJPROC_DETAIL_ERRC_NAME
    case errc::none:
      break;
  }
  return "unknown_error";
}

/// The names error::field takes where the library checks an input: the parameter or member
/// the caller passed ("key" is the object key of whatever operation, endpoint or signer
/// refused it). Static text; compare with these rather than with spelled-out strings. Each
/// vendor adds the names of its own members (oss::fields in oss/fields.hpp, cos::fields in
/// cos/fields.hpp, which give these too).
namespace fields {
inline constexpr std::string_view bucket = "bucket";
inline constexpr std::string_view key = "key";
inline constexpr std::string_view endpoint = "endpoint";  // a custom host, its scheme
inline constexpr std::string_view region = "region";
// Signing.
inline constexpr std::string_view expires = "expires";  // a presigned URL's or signature's life
inline constexpr std::string_view time = "time";        // the signing time
inline constexpr std::string_view method = "method";
inline constexpr std::string_view headers = "headers";
inline constexpr std::string_view query = "query";
inline constexpr std::string_view additional_headers = "additional_headers";
inline constexpr std::string_view process = "process";  // an operation's style or rule
inline constexpr std::string_view content_md5 = "content_md5";
}  // namespace fields

/// One failure: code, byte offset into the input (or no_offset), static detail, provider code,
/// and the input field it belongs to (empty when none applies or is known).
struct error {
  static constexpr std::size_t no_offset = static_cast<std::size_t>(-1);

  errc code = errc::invalid_argument;
  std::size_t offset = no_offset;
  std::string_view detail = {};  // a string literal: never user data or secrets
  long provider_code = 0;        // e.g. a CURLcode or an OpenSSL error; 0 when not applicable
  std::string_view field = {};   // static text, e.g. fields::key: the name, never the value

  [[nodiscard]] constexpr bool has_offset() const noexcept { return offset != no_offset; }

  /// The same error with its offset moved by `base` (for a piece parsed inside a larger input).
  [[nodiscard]] constexpr error shifted(std::size_t base) const noexcept {
    error e = *this;
    if (e.has_offset()) e.offset += base;
    return e;
  }

  /// The same error, belonging to `name` (a string literal, e.g. fields::key): set where the
  /// input is checked, or where a caller knows better ("save_as.key" for a check_object_key).
  [[nodiscard]] constexpr error in_field(std::string_view name) const noexcept {
    error e = *this;
    e.field = name;
    return e;
  }
  /// The same error, belonging to `name` unless a field is set already (an operation tagging
  /// what its own checks found, without hiding the field a deeper check named).
  [[nodiscard]] constexpr error in_field_unless_set(std::string_view name) const noexcept {
    return field.empty() ? in_field(name) : *this;
  }

  friend constexpr bool operator==(const error& a, const error& b) noexcept {
    return a.code == b.code && a.offset == b.offset && a.detail == b.detail &&
           a.provider_code == b.provider_code && a.field == b.field;
  }
};

/// "key: invalid padding at offset 7: '=' before the last quantum": the field, when known,
/// first (a name, never a value: no secrets, as the details are static).
[[nodiscard]] inline std::string to_string(const error& e) {
  std::string out;
  if (!e.field.empty()) {
    out += e.field;
    out += ": ";
  }
  out += to_string(e.code);
  if (e.has_offset()) {
    out += " at offset ";
    out += std::to_string(e.offset);
  }
  if (!e.detail.empty()) {
    out += ": ";
    out += e.detail;
  }
  if (e.provider_code != 0) {
    out += " (provider code ";
    out += std::to_string(e.provider_code);
    out += ')';
  }
  return out;
}

#if OBJPROC_USE_EXCEPTIONS
/// Thrown by result<T>::value() on an error, only when exceptions are enabled.
class bad_result_access : public std::exception {
 public:
  explicit bad_result_access(const objproc::error& e) noexcept : error_(e) {}
  [[nodiscard]] const char* what() const noexcept override {
    return "objproc: result::value() called on an error";
  }
  [[nodiscard]] const objproc::error& error() const noexcept { return error_; }

 private:
  objproc::error error_;
};
#endif

namespace detail {

// Not constexpr on purpose: reaching it in a constant evaluation is a compile error.
[[noreturn]] inline void bad_result_access_failure(const error& e) {
#if OBJPROC_USE_EXCEPTIONS
  throw bad_result_access(e);
#else
#  ifdef OBJPROC_ABORT
  OBJPROC_ABORT("objproc: result::value() called on an error");
#  endif
  // An empty string_view may hold a null pointer, which %.*s must not be given (even with a
  // zero precision: g++ -O3 refuses it under -Werror=format-overflow).
  const auto text = [](std::string_view s) { return s.empty() ? "" : s.data(); };
  const std::string_view what = to_string(e.code);
  const std::string_view separator = e.field.empty() ? "" : ": ";
  std::fprintf(stderr, "objproc: result::value() called on an error: %.*s%.*s%.*s (%.*s)\n",
               static_cast<int>(e.field.size()), text(e.field), static_cast<int>(separator.size()),
               text(separator), static_cast<int>(what.size()), text(what),
               static_cast<int>(e.detail.size()), text(e.detail));
  std::abort();
#endif
}

template <class T>
struct is_result : std::false_type {};

}  // namespace detail

namespace detail {

struct in_place_value_t {};

// The storage of result<T>. For a trivially copyable T every special member is implicit and
// trivial, so result<int> or result<const T*> is trivially copyable too: returned in registers,
// and cheap to copy in constant evaluation (which the checked literals pay for step by step).
template <class T, bool = std::is_trivially_copyable_v<T>>
struct result_storage {
  template <class... Args>
  constexpr explicit result_storage(in_place_value_t, Args&&... args) noexcept(
      std::is_nothrow_constructible_v<T, Args&&...>)
      : value_(std::forward<Args>(args)...), ok_(true) {}
  constexpr explicit result_storage(const error& e) noexcept : error_(e), ok_(false) {}

  union {
    T value_;
    error error_;
  };
  bool ok_;
};

// Any other T: copy, move and destroy the active member by hand.
template <class T>
struct result_storage<T, false> {
  template <class... Args>
  constexpr explicit result_storage(in_place_value_t, Args&&... args) noexcept(
      std::is_nothrow_constructible_v<T, Args&&...>)
      : value_(std::forward<Args>(args)...), ok_(true) {}
  constexpr explicit result_storage(const error& e) noexcept : error_(e), ok_(false) {}

  constexpr result_storage(const result_storage& o) noexcept(
      std::is_nothrow_copy_constructible_v<T>)
      : ok_(o.ok_) {
    if (ok_)
      std::construct_at(&value_, o.value_);
    else
      std::construct_at(&error_, o.error_);
  }
  constexpr result_storage(result_storage&& o) noexcept(std::is_nothrow_move_constructible_v<T>)
      : ok_(o.ok_) {
    if (ok_)
      std::construct_at(&value_, std::move(o.value_));
    else
      std::construct_at(&error_, o.error_);
  }
  constexpr result_storage& operator=(const result_storage& o) {
    if (this != &o) assign(o);
    return *this;
  }
  constexpr result_storage& operator=(result_storage&& o) noexcept(
      std::is_nothrow_move_constructible_v<T>&& std::is_nothrow_move_assignable_v<T>) {
    if (this != &o) assign(std::move(o));
    return *this;
  }
  constexpr ~result_storage() {
    if (ok_) value_.~T();
  }

  template <class R>
  constexpr void assign(R&& o) {
    if (ok_ && o.ok_) {
      value_ = std::forward<R>(o).value_;
    } else if (ok_) {
      value_.~T();
      std::construct_at(&error_, o.error_);
      ok_ = false;
    } else if (o.ok_) {
      std::construct_at(&value_, std::forward<R>(o).value_);
      ok_ = true;
    } else {
      error_ = o.error_;
    }
  }

  union {
    T value_;
    error error_;
  };
  bool ok_;
};

}  // namespace detail

/// A T, or the error that prevented it.
template <class T>
class [[nodiscard]] result : private detail::result_storage<T> {
  static_assert(!std::is_reference_v<T>, "objproc::result<T>: T must not be a reference");
  static_assert(!std::is_same_v<std::remove_cv_t<T>, objproc::error>,
                "objproc::result<T>: T must not be objproc::error");
  using storage = detail::result_storage<T>;
  using storage::error_;
  using storage::ok_;
  using storage::value_;

 public:
  using value_type = T;
  using error_type = objproc::error;

  constexpr result() noexcept(
      std::is_nothrow_default_constructible_v<T>) requires std::is_default_constructible_v<T>
      : storage(detail::in_place_value_t{}) {}

  template <class U = T>
  requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::remove_cvref_t<U>, result> &&
           !std::is_same_v<std::remove_cvref_t<U>,
                           objproc::error>) constexpr explicit(!std::is_convertible_v<U&&, T>)
      result(U&& v) noexcept(std::is_nothrow_constructible_v<T, U&&>)
      : storage(detail::in_place_value_t{}, std::forward<U>(v)) {}

  constexpr result(const objproc::error& e) noexcept : storage(e) {}

  [[nodiscard]] constexpr bool has_value() const noexcept { return ok_; }
  constexpr explicit operator bool() const noexcept { return ok_; }

  /// The value; on an error throws bad_result_access (exceptions on) or aborts with a message.
  [[nodiscard]] constexpr T& value() & {
    if (!ok_) detail::bad_result_access_failure(error_);
    return value_;
  }
  [[nodiscard]] constexpr const T& value() const& {
    if (!ok_) detail::bad_result_access_failure(error_);
    return value_;
  }
  [[nodiscard]] constexpr T&& value() && {
    if (!ok_) detail::bad_result_access_failure(error_);
    return std::move(value_);
  }

  /// The error. Precondition: !has_value() (a default error is returned otherwise).
#if defined(__GNUC__) && !defined(__clang__)
// g++ 12 at -O2 merges identical error() bodies of different result<T> (IPA ICF) and then
// reports array bounds against the wrong type: a false positive, silenced here only.
#  pragma GCC diagnostic push
#  pragma GCC diagnostic ignored "-Warray-bounds"
#endif
  [[nodiscard]] constexpr objproc::error error() const noexcept {
    return ok_ ? objproc::error{} : error_;
  }
#if defined(__GNUC__) && !defined(__clang__)
#  pragma GCC diagnostic pop
#endif

  // Unchecked access, like std::expected: precondition has_value().
  [[nodiscard]] constexpr T& operator*() & noexcept { return value_; }
  [[nodiscard]] constexpr const T& operator*() const& noexcept { return value_; }
  [[nodiscard]] constexpr T&& operator*() && noexcept { return std::move(value_); }
  [[nodiscard]] constexpr T* operator->() noexcept { return &value_; }
  [[nodiscard]] constexpr const T* operator->() const noexcept { return &value_; }

  template <class U>
  [[nodiscard]] constexpr T value_or(U&& fallback) const& {
    return ok_ ? value_ : static_cast<T>(std::forward<U>(fallback));
  }
  template <class U>
  [[nodiscard]] constexpr T value_or(U&& fallback) && {
    return ok_ ? std::move(value_) : static_cast<T>(std::forward<U>(fallback));
  }

  /// f(value) -> result<U>; errors pass through untouched.
  template <class F>
  constexpr auto and_then(F&& f) const& {
    using R = std::remove_cvref_t<std::invoke_result_t<F, const T&>>;
    static_assert(detail::is_result<R>::value, "objproc::result::and_then: f must return a result");
    return ok_ ? std::forward<F>(f)(value_) : R(error_);
  }
  template <class F>
  constexpr auto and_then(F&& f) && {
    using R = std::remove_cvref_t<std::invoke_result_t<F, T&&>>;
    static_assert(detail::is_result<R>::value, "objproc::result::and_then: f must return a result");
    return ok_ ? std::forward<F>(f)(std::move(value_)) : R(error_);
  }
  /// f(value) -> U, wrapped as result<U>; errors pass through untouched.
  template <class F>
  constexpr auto transform(F&& f) const& {
    using U = std::remove_cvref_t<std::invoke_result_t<F, const T&>>;
    return ok_ ? result<U>(std::forward<F>(f)(value_)) : result<U>(error_);
  }
  template <class F>
  constexpr auto transform(F&& f) && {
    using U = std::remove_cvref_t<std::invoke_result_t<F, T&&>>;
    return ok_ ? result<U>(std::forward<F>(f)(std::move(value_))) : result<U>(error_);
  }

  friend constexpr bool operator==(const result& a, const result& b) {
    if (a.ok_ != b.ok_) return false;
    return a.ok_ ? static_cast<bool>(a.value_ == b.value_) : a.error_ == b.error_;
  }
};

/// Success with nothing to return, or an error.
template <>
class [[nodiscard]] result<void> {
 public:
  using value_type = void;
  using error_type = objproc::error;

  constexpr result() noexcept = default;
  constexpr result(const objproc::error& e) noexcept : error_(e), ok_(false) {}

  [[nodiscard]] constexpr bool has_value() const noexcept { return ok_; }
  constexpr explicit operator bool() const noexcept { return ok_; }
  constexpr void value() const {
    if (!ok_) detail::bad_result_access_failure(error_);
  }
  [[nodiscard]] constexpr objproc::error error() const noexcept {
    return ok_ ? objproc::error{} : error_;
  }

  template <class F>
  constexpr auto and_then(F&& f) const {
    using R = std::remove_cvref_t<std::invoke_result_t<F>>;
    static_assert(detail::is_result<R>::value, "objproc::result::and_then: f must return a result");
    return ok_ ? std::forward<F>(f)() : R(error_);
  }

  friend constexpr bool operator==(const result& a, const result& b) noexcept {
    return a.ok_ == b.ok_ && (a.ok_ || a.error_ == b.error_);
  }

 private:
  objproc::error error_{};
  bool ok_ = true;
};

namespace detail {
template <class T>
struct is_result<result<T>> : std::true_type {};
}  // namespace detail

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CORE_RESULT_HPP
