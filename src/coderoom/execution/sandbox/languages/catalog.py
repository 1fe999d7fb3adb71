"""Every language coderoom runs. Adding one is adding a record here (and a sandbox case)."""

from __future__ import annotations

from coderoom.execution.sandbox.languages.base import Language

# TypeScript is installed by scripts/system-packages under /usr (read-only in the sandbox).
TS_ROOT = "/usr/local/lib/coderoom-typescript/node_modules"
TSC = f"{TS_ROOT}/typescript/lib/tsc.js"

JVM_FLAGS = (
    "-XX:+UseSerialGC",  # one GC thread: predictable memory, fits the process limit
    "-XX:TieredStopAtLevel=1",  # C1 only: much faster start for short programs
    "-XX:-UsePerfData",  # no hsperfdata files in /tmp
    "-Xshare:auto",
)

PYTHON = Language(
    id="python",
    name="Python 3",
    monaco="python",
    source_file="main.py",
    run=("/usr/bin/python3", "-I", "main.py"),
    version=("/usr/bin/python3", "--version"),
    self_test="print('hello, ' + input())\n",
)

JAVASCRIPT = Language(
    id="javascript",
    name="JavaScript (Node.js)",
    monaco="javascript",
    source_file="main.js",
    run=("/usr/bin/node", "--max-old-space-size={heap_mb}", "main.js"),
    version=("/usr/bin/node", "--version"),
    self_test=(
        "const name = require('fs').readFileSync(0, 'utf8').trim();\n"
        "console.log('hello, ' + name);\n"
    ),
    heap_exhausted_marker="JavaScript heap out of memory",
    vm_heavy=True,
)

TYPESCRIPT = Language(
    id="typescript",
    name="TypeScript",
    monaco="typescript",
    source_file="main.ts",
    compile=(
        "/usr/bin/node",
        TSC,
        "--pretty",
        "false",
        "--target",
        "es2020",
        "--module",
        "commonjs",
        "--types",
        "node",
        "--typeRoots",
        f"{TS_ROOT}/@types",
        "--skipLibCheck",
        "main.ts",
    ),
    run=("/usr/bin/node", "--max-old-space-size={heap_mb}", "main.js"),
    version=("/usr/bin/node", TSC, "--version"),
    requires=(TSC, f"{TS_ROOT}/@types/node"),
    self_test=(
        "import * as fs from 'fs';\n"
        "const name: string = fs.readFileSync(0, 'utf8').trim();\n"
        "console.log(`hello, ${name}`);\n"
    ),
    heap_exhausted_marker="JavaScript heap out of memory",
    vm_heavy=True,
)

C = Language(
    id="c",
    name="C (GCC)",
    monaco="c",
    source_file="main.c",
    compile=("/usr/bin/gcc", "-O2", "-pipe", "-std=gnu17", "-o", "main", "main.c", "-lm"),
    run=("/box/main",),
    version=("/usr/bin/gcc", "--version"),
    self_test=(
        "#include <stdio.h>\n"
        'int main(void) { char s[64]; if (scanf("%63s", s) != 1) return 1;\n'
        '  printf("hello, %s\\n", s); return 0; }\n'
    ),
)

CPP = Language(
    id="cpp",
    name="C++ (GCC)",
    monaco="cpp",
    source_file="main.cpp",
    compile=("/usr/bin/g++", "-O2", "-pipe", "-std=gnu++17", "-o", "main", "main.cpp"),
    run=("/box/main",),
    version=("/usr/bin/g++", "--version"),
    self_test=(
        "#include <iostream>\n#include <string>\n"
        "int main() { std::string s; std::cin >> s; std::cout << \"hello, \" << s << '\\n'; }\n"
    ),
)

JAVA = Language(
    id="java",
    name="Java",
    monaco="java",
    source_file="Main.java",
    compile=(
        "/usr/bin/javac",
        "-J-Xmx{heap_mb}m",
        *(f"-J{f}" for f in JVM_FLAGS),
        "-encoding",
        "UTF-8",
        "Main.java",
    ),
    run=(
        "/usr/bin/java",
        "-Xmx{heap_mb}m",
        "-Xss64m",
        "-XX:+ExitOnOutOfMemoryError",
        *JVM_FLAGS,
        "-cp",
        "/box",
        "Main",
    ),
    version=("/usr/bin/javac", "-version"),
    binds=("/etc/java-17-openjdk",),
    self_test=(
        "import java.util.Scanner;\n"
        "public class Main { public static void main(String[] a) {\n"
        '  System.out.println("hello, " + new Scanner(System.in).next()); } }\n'
    ),
    heap_exhausted_marker="java.lang.OutOfMemoryError",
    vm_heavy=True,
)

RUST = Language(
    id="rust",
    name="Rust",
    monaco="rust",
    source_file="main.rs",
    compile=("/usr/bin/rustc", "-O", "-C", "debuginfo=0", "-o", "main", "main.rs"),
    run=("/box/main",),
    version=("/usr/bin/rustc", "--version"),
    self_test=(
        "use std::io::Read;\n"
        "fn main() { let mut s = String::new(); std::io::stdin().read_to_string(&mut s).unwrap();\n"
        '  println!("hello, {}", s.trim()); }\n'
    ),
)

GO = Language(
    id="go",
    name="Go",
    monaco="go",
    source_file="main.go",
    compile=("/usr/bin/go", "build", "-o", "main", "main.go"),
    run=("/box/main",),
    version=("/usr/bin/go", "version"),
    env=(
        ("GOCACHE", "/tmp/go-cache"),  # noqa: S108 - the sandbox's private /tmp
        ("GOPATH", "/tmp/go"),  # noqa: S108
        ("GO111MODULE", "off"),
        ("CGO_ENABLED", "0"),
        ("GOMAXPROCS", "2"),
    ),
    self_test=(
        'package main\nimport "fmt"\n'
        'func main() { var s string; fmt.Scan(&s); fmt.Println("hello, " + s) }\n'
    ),
    vm_heavy=True,
)

RUBY = Language(
    id="ruby",
    name="Ruby",
    monaco="ruby",
    source_file="main.rb",
    run=("/usr/bin/ruby", "--disable-gems", "main.rb"),
    version=("/usr/bin/ruby", "--version"),
    self_test='puts "hello, #{gets.strip}"\n',
)

BASH = Language(
    id="bash",
    name="Bash",
    monaco="shell",
    source_file="main.sh",
    run=("/usr/bin/bash", "main.sh"),
    version=("/usr/bin/bash", "--version"),
    self_test='read -r name\necho "hello, $name"\n',
)

PHP = Language(
    id="php",
    name="PHP",
    monaco="php",
    source_file="main.php",
    run=("/usr/bin/php", "-f", "main.php"),
    version=("/usr/bin/php", "--version"),
    binds=("/etc/php",),
    self_test='<?php echo "hello, " . trim(fgets(STDIN)) . "\\n";\n',
)

ALL: tuple[Language, ...] = (
    PYTHON,
    JAVASCRIPT,
    TYPESCRIPT,
    C,
    CPP,
    JAVA,
    RUST,
    GO,
    RUBY,
    BASH,
    PHP,
)
