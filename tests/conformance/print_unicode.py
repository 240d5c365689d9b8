# Non-ASCII output is written as UTF-8.
print("café", "naïve", "Ωmega", "日本語", "emoji 🙂")
print("tiếng Việt: Khoá luồng")
s = "→ ← ↑ ↓"
print(s, len(s))
print(f"{'π':>4}|{'ø':<3}|")
