print("sujarit")
