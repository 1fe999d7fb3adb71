import sys


def coin_change(coins: list[int], amount: int) -> int:
    # Your code here.
    return -1


data = sys.stdin.read().split()
n, amount = int(data[0]), int(data[1])
print(coin_change([int(x) for x in data[2 : 2 + n]], amount))
