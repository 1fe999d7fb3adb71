# Wrong: greedy, always takes the largest coin that still fits.
import sys

data = sys.stdin.read().split()
n, amount = int(data[0]), int(data[1])
coins = sorted((int(x) for x in data[2 : 2 + n]), reverse=True)
used = 0
for coin in coins:
    used += amount // coin
    amount %= coin
print(used if amount == 0 else -1)
