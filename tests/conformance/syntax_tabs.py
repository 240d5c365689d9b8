# Indented with tabs only.
def f(n):
	out = []
	for i in range(n):
		if i % 2:
			out.append(i)
	return out
print(f(7))
class K:
	def m(self):
		return "tabbed method"
print(K().m())
