// File extension → Monaco language id. Unknown extensions edit as plain text.
const BY_EXTENSION: Record<string, string> = {
  py: "python",
  js: "javascript",
  mjs: "javascript",
  jsx: "javascript",
  ts: "typescript",
  tsx: "typescript",
  java: "java",
  c: "c",
  h: "c",
  cc: "cpp",
  cpp: "cpp",
  cxx: "cpp",
  hpp: "cpp",
  go: "go",
  rs: "rust",
  rb: "ruby",
  php: "php",
  cs: "csharp",
  kt: "kotlin",
  swift: "swift",
  sh: "shell",
  sql: "sql",
  json: "json",
  md: "markdown",
  html: "html",
  css: "css",
  yml: "yaml",
  yaml: "yaml",
  txt: "plaintext",
}

// Room language (backend id) → the file a new room starts with.
const MAIN_FILE: Record<string, string> = {
  python: "main.py",
  javascript: "main.js",
  typescript: "main.ts",
  java: "Main.java",
  c: "main.c",
  cpp: "main.cpp",
  go: "main.go",
  rust: "main.rs",
  ruby: "main.rb",
  php: "main.php",
  csharp: "Main.cs",
  kotlin: "Main.kt",
  swift: "main.swift",
  bash: "main.sh",
}

export function languageForPath(path: string): string {
  const dot = path.lastIndexOf(".")
  if (dot < 0 || dot === path.length - 1) return "plaintext"
  return BY_EXTENSION[path.slice(dot + 1).toLowerCase()] ?? "plaintext"
}

// Monaco ids that the sandbox names differently.
const RUNTIME_ALIASES: Record<string, string> = { shell: "bash" }

/**
 * The sandbox language id for a file (what `meta.languages` records), or null for files
 * that are not code (text, markdown, json, ...).
 */
export function runtimeLanguageForPath(path: string): string | null {
  const monaco = languageForPath(path)
  if (["plaintext", "markdown", "json", "yaml", "html", "css"].includes(monaco)) return null
  return RUNTIME_ALIASES[monaco] ?? monaco
}

export function mainFileFor(roomLanguage: string): string {
  return MAIN_FILE[roomLanguage] ?? "main.txt"
}

/**
 * Why `path` cannot be a file name, or null if it can. Paths are flat names with optional
 * folders ("src/util.py"); no empty segments, no "..", no leading slash, printable only.
 */
export function invalidPathReason(path: string, existing: Iterable<string>): string | null {
  if (path.trim() !== path || path === "") return "Enter a name without surrounding spaces."
  if (path.length > 200) return "Use at most 200 characters."
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(path)) return "Use printable characters and / for folders."
  const segments = path.split("/")
  if (segments.some((s) => s === "" || s === "." || s === "..")) {
    return "Each part of the path needs a name (no empty parts, '.' or '..')."
  }
  for (const other of existing) if (other === path) return "A file with this name exists."
  return null
}
