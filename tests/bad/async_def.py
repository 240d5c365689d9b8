# expect: 2:1: error: 'async' is not supported in lesson scripts
async def main():
    pass
