import pl from "nodejs-polars";
console.log(pl.DataFrame({a:[1,2]}).shape);
const a = await navigator.gpu.requestAdapter(); console.log(a?.info.description);
