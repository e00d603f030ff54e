// SPDX-License-Identifier: MIT
// tools/objproc/main.cpp - `objproc <command> ...`: finds the command and hands it the rest.
#include <csignal>
#include <cstdio>
#include <span>
#include <string>
#include <string_view>

#include <objproc/version.hpp>

#include "args.hpp"
#include "commands.hpp"
#include "environment.hpp"
#include "output.hpp"

namespace {

struct command {
  std::string_view name;
  std::string_view summary;
  int (*run)(std::span<char* const>);
};

constexpr command commands[] = {
    {"validate", "check an OSS process string or a CI rule; print its canonical form",
     objproc_cli::run_validate},
    {"presign", "print a presigned GET URL (OSS style or CI rule applied on download)",
     objproc_cli::run_presign},
    {"process", "OSS ProcessObject (x-oss-process, sys/saveas)", objproc_cli::run_process},
    {"async-process", "OSS AsyncProcessObject (x-oss-async-process, sys/notify)",
     objproc_cli::run_async_process},
    {"ci-put", "COS upload with Pic-Operations (CI processing on upload)", objproc_cli::run_ci_put},
    {"ci-process", "COS POST ?image_process (CI processing of a stored object)",
     objproc_cli::run_ci_process},
    {"sign", "sign operations given as JSON lines on stdin (--jsonl)", objproc_cli::run_sign},
};

// `objproc completion bash`: commands from the table above; each command's flags from its own
// --help, so the script never goes stale.
int run_completion(std::span<char* const> args) {
  if (args.size() == 1 &&
      (std::string_view(args[0]) == "-h" || std::string_view(args[0]) == "--help")) {
    std::printf(
        "usage: objproc completion bash\n\nPrints a bash completion script:\n"
        "  source <(objproc completion bash)\n");
    return objproc_cli::exit_ok;
  }
  if (args.size() != 1 || std::string_view(args[0]) != "bash")
    return objproc_cli::usage_error("completion", "give the shell: objproc completion bash");
  std::string names;
  for (const command& c : commands) {
    names += c.name;
    names += ' ';
  }
  names += "completion";
  std::printf(
      "# bash completion for objproc: source <(objproc completion bash)\n"
      "_objproc() {\n"
      "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
      "  if [[ $COMP_CWORD -eq 1 ]]; then\n"
      "    COMPREPLY=($(compgen -W \"%s --help --version\" -- \"$cur\"))\n"
      "    return\n"
      "  fi\n"
      "  local cmd=\"${COMP_WORDS[1]}\"\n"
      "  if [[ $cmd == completion ]]; then COMPREPLY=($(compgen -W bash -- \"$cur\")); return; fi\n"
      "  case \"$prev\" in\n"
      "    --file) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
      "  esac\n"
      "  if [[ $cur == -* ]]; then\n"
      "    local flags\n"
      "    flags=$(\"${COMP_WORDS[0]}\" \"$cmd\" --help 2>/dev/null | "
      "grep -oE -- '^  --[a-z][a-z0-9_-]*' | tr -d ' ')\n"
      "    COMPREPLY=($(compgen -W \"$flags --help\" -- \"$cur\"))\n"
      "  fi\n"
      "}\n"
      "complete -o default -F _objproc objproc\n",
      names.c_str());
  return objproc_cli::exit_ok;
}

void print_help(std::FILE* out) {
  std::fprintf(out,
               "usage: objproc <command> [options]   (objproc <command> --help for details)\n\n"
               "Builds, checks and signs Alibaba OSS and Tencent COS + CI processing requests.\n\n"
               "commands:\n");
  for (const command& c : commands)
    std::fprintf(out, "  %-15.*s %.*s\n", static_cast<int>(c.name.size()), c.name.data(),
                 static_cast<int>(c.summary.size()), c.summary.data());
  std::fprintf(out,
               "  %-15s %s\n\n"
               "Nothing is sent without --send; by default a request command prints the signed\n"
               "request (a dry run). --version prints the version and whether --send is built in.\n"
               "\nexit status: 0 success, 1 the operation failed (invalid input, service or "
               "transport\nerror), 2 bad usage (unknown flag, missing value, --send without "
               "libcurl),\n3 the output could not be written (a closed pipe, a full disk)\n",
               "completion", "print a shell completion script (objproc completion bash)");
}

int dispatch(std::span<char* const> args) {
  if (args.size() < 2) {
    print_help(stderr);
    return objproc_cli::exit_usage;
  }
  const std::string_view name = args[1];
  if (name == "-h" || name == "--help" || name == "help") {
    print_help(stdout);
    return objproc_cli::exit_ok;
  }
  if (name == "--version" || name == "version") {
    std::printf("objproc %d.%d.%d (transport: %s)\n", OBJPROC_VERSION_MAJOR, OBJPROC_VERSION_MINOR,
                OBJPROC_VERSION_PATCH,
                objproc_cli::can_send() ? "libcurl" : "none, built without libcurl");
    return objproc_cli::exit_ok;
  }
  if (name == "completion") return run_completion(args.subspan(2));
  for (const command& c : commands)
    if (c.name == name) return c.run(args.subspan(2));
  std::fprintf(stderr, "objproc: unknown command '%.*s'\n\n", static_cast<int>(name.size()),
               name.data());
  print_help(stderr);
  return objproc_cli::exit_usage;
}

}  // namespace

int main(int argc, char** argv) {
#ifdef SIGPIPE
  // A closed pipe is a write error with a message and exit status 3, not a silent death.
  std::signal(SIGPIPE, SIG_IGN);
#endif
  const std::span<char* const> args(argv, static_cast<std::size_t>(argc));
  return objproc_cli::finish_output(dispatch(args));
}
